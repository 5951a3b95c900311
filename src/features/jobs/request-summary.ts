import { LIMITS } from '../../shared/limits.ts'
import { findModel } from '../../shared/models.ts'
import { DEFAULT_T2I_SIZE } from '../../shared/sizes.ts'
import type { JobRecord } from '../../lib/records.ts'

/** The parameters of a job's request, whichever endpoint it goes to. */
export function requestSummary(request: JobRecord['request']) {
  const p = request.parameters ?? {}
  if ('prompt' in request.input) {
    return {
      model: request.model,
      prompt: request.input.prompt,
      negativePrompt: request.input.negative_prompt ?? p.negative_prompt ?? '',
      size: p.size ?? DEFAULT_T2I_SIZE,
      n: p.n ?? 1,
      seed: p.seed,
      promptExtend: p.prompt_extend ?? LIMITS.promptExtendDefault,
      watermark: p.watermark ?? LIMITS.watermarkDefault,
      images: [] as string[],
    }
  }
  const content = request.input.messages[0]?.content ?? []
  const model = findModel(request.model)
  const images = content.flatMap((c) => ('image' in c ? [c.image] : []))
  return {
    model: request.model,
    prompt: content.flatMap((c) => ('text' in c ? [c.text] : [])).join('\n'),
    negativePrompt: p.negative_prompt ?? '',
    size: p.size ?? (images.length === 0 ? (model?.defaultT2ISize ?? '') : ''),
    n: p.n ?? 1,
    seed: p.seed,
    promptExtend: p.prompt_extend ?? model?.takesPromptExtend ?? false,
    watermark: p.watermark ?? LIMITS.watermarkDefault,
    images,
  }
}
