/**
 * From the compose form to the requests a submission sends. The async models (plus, qwen-image)
 * go to the task API with n=1, so batches are several jobs: a seed sweep, prompt-extend on vs
 * off, or all five sizes; every other model goes to the sync endpoint with its own n (the 2.0
 * series: 1-6). Every request carries an explicit seed and size, so every result can be reproduced.
 */
import { findModel, t2iEndpoint, type ModelInfo, type Region } from '../../shared/models.ts'
import type { ImageSynthesisRequest, MultimodalRequest } from '../../shared/schemas.ts'
import { chooseSize, FIXED_SIZES } from '../../shared/size-rules.ts'
import { parseSize, T2I_SIZES } from '../../shared/sizes.ts'
import type { ComposeForm } from './compose-store.ts'
import { MAX_BATCH_COUNT } from './compose-store.ts'
import { sweepSeed } from '../../lib/seed.ts'
import { regionPrice, type Currency } from '../../lib/format-price.ts'

export interface PlannedRequest {
  request: ImageSynthesisRequest | MultimodalRequest
  /** What distinguishes this request within its batch, e.g. "seed 42" or "extend off". */
  label: string
}

/** The size sent for a typed "W*H": as the model's rule makes it (snapped, or the closest fixed size). */
export function sizeToSend(model: ModelInfo | undefined, size: string) {
  const parsed = parseSize(size) ?? { width: 1024, height: 1024 }
  return chooseSize(model?.size ?? FIXED_SIZES, parsed.width, parsed.height)
}

export function nFor(model: ModelInfo | undefined, n: number): number {
  return Math.min(Math.max(model?.n.min ?? 1, Math.round(n) || 1), model?.n.max ?? 1)
}

export function planRequests(form: ComposeForm, seed: number): PlannedRequest[] {
  const model = findModel(form.model)
  const sync = model ? t2iEndpoint(model) === 'multimodal' : false
  const n = nFor(model, form.n)
  const base = (over: { size?: string; seed?: number; promptExtend?: boolean } = {}): PlannedRequest['request'] => {
    const parameters = {
      size: sizeToSend(model, over.size ?? form.size).size,
      n,
      prompt_extend: over.promptExtend ?? form.promptExtend,
      watermark: form.watermark,
      seed: over.seed ?? seed,
    }
    const negative = form.negativePrompt.trim() ? form.negativePrompt : undefined
    if (sync)
      return {
        model: form.model,
        input: { messages: [{ role: 'user', content: [{ text: form.prompt }] }] },
        parameters: { ...(negative ? { negative_prompt: negative } : {}), ...parameters },
      }
    return { model: form.model, input: { prompt: form.prompt, ...(negative ? { negative_prompt: negative } : {}) }, parameters }
  }
  switch (form.batchMode) {
    case 'single':
      return [{ request: base(), label: `seed ${seed}` }]
    case 'seed-sweep': {
      const count = Math.min(Math.max(1, Math.round(form.batchCount)), MAX_BATCH_COUNT)
      return Array.from({ length: count }, (_, i) => {
        const s = sweepSeed(seed, i)
        return { request: base({ seed: s }), label: `seed ${s}` }
      })
    }
    case 'extend-ab':
      return [
        { request: base({ promptExtend: true }), label: 'extend on' },
        { request: base({ promptExtend: false }), label: 'extend off' },
      ]
    case 'all-sizes':
      return T2I_SIZES.map((s) => ({ request: base({ size: s.size }), label: s.ratio }))
  }
}

/** The batch's cost in the region's currency (yuan in Beijing, dollars in Singapore). */
export function planCost(plan: PlannedRequest[], region: Region): { amount: number; currency: Currency } {
  const prices = plan.map((p) => regionPrice(p.request.model, region, p.request.parameters?.n ?? 1))
  return { amount: prices.reduce((sum, p) => sum + p.amount, 0), currency: region === 'beijing' ? 'CNY' : 'USD' }
}

export function planImages(plan: PlannedRequest[]): number {
  return plan.reduce((sum, p) => sum + (p.request.parameters?.n ?? 1), 0)
}
