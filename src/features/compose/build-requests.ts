/**
 * From the compose form to the requests a submission sends. n is fixed at 1 for text-to-image,
 * so batches are several jobs: a seed sweep, prompt-extend on vs off, or all five sizes.
 * Every request carries an explicit seed, so every result can be reproduced.
 */
import { priceOf, type Region } from '../../shared/models.ts'
import type { ImageSynthesisRequest } from '../../shared/schemas.ts'
import { T2I_SIZES } from '../../shared/sizes.ts'
import type { ComposeForm } from './compose-store.ts'
import { MAX_BATCH_COUNT } from './compose-store.ts'
import { sweepSeed } from '../../lib/seed.ts'

export interface PlannedRequest {
  request: ImageSynthesisRequest
  /** What distinguishes this request within its batch, e.g. "seed 42" or "extend off". */
  label: string
}

export function planRequests(form: ComposeForm, seed: number): PlannedRequest[] {
  const base = (over: { size?: string; seed?: number; promptExtend?: boolean } = {}): ImageSynthesisRequest => ({
    model: form.model,
    input: {
      prompt: form.prompt,
      ...(form.negativePrompt.trim() ? { negative_prompt: form.negativePrompt } : {}),
    },
    parameters: {
      size: over.size ?? form.size,
      n: 1,
      prompt_extend: over.promptExtend ?? form.promptExtend,
      watermark: form.watermark,
      seed: over.seed ?? seed,
    },
  })
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

export function planCost(plan: PlannedRequest[], region: Region): number {
  return plan.reduce((sum, p) => sum + priceOf(p.request.model, region, p.request.parameters?.n ?? 1), 0)
}
