/**
 * What a dropped file's parameters become in the studio: only what the studio can send. An unknown
 * model keeps the current one, a seed out of range is left out, a size the model does not make
 * becomes the nearest one it does; an edit result goes to the edit panel. Every decision is listed
 * (kept, changed, left out) so the user reads one honest message instead of a silent skip.
 */
import type { FileImageParams } from '../features/gallery/files/studio-params.ts'
import { LIMITS } from '../shared/limits.ts'
import { findModel, type ModelInfo } from '../shared/models.ts'
import { parseSize, T2I_SIZES, type T2ISize } from '../shared/sizes.ts'

export interface ComposePatch {
  model?: string
  prompt: string
  negativePrompt: string
  size?: T2ISize
  seed?: number
  promptExtend?: boolean
  watermark?: boolean
}

export interface EditPatch {
  model?: string
  prompt: string
  negativePrompt: string
  seed?: number
  watermark?: boolean
  /** The edit's inputs as the file names them; the caller keeps those still in the library. */
  inputIds: string[]
}

export type RestoreTarget = { mode: 'generate'; form: ComposePatch } | { mode: 'edit'; form: EditPatch }

export interface RestorePlan {
  /** Undefined when nothing can be restored (e.g. the file is an edit input, not a result). */
  target?: RestoreTarget
  kept: string[]
  changed: string[]
  leftOut: string[]
}

const times = (w: number, h: number) => `${w}×${h}`

type SizeEntry = (typeof T2I_SIZES)[number]

/** The sizes a text-to-image model makes. */
function modelSizes(model: ModelInfo | undefined): readonly SizeEntry[] {
  return model?.takesSize ? T2I_SIZES : []
}

/** The size with the closest aspect ratio (then the closest area). */
function nearestSize(sizes: readonly SizeEntry[], width: number, height: number): SizeEntry | undefined {
  const distance = (s: { width: number; height: number }) => [
    Math.abs(Math.log(s.width / s.height) - Math.log(width / height)),
    Math.abs(Math.log((s.width * s.height) / (width * height))),
  ]
  return [...sizes].sort((a, b) => {
    const [ra, aa] = distance(a)
    const [rb, ab] = distance(b)
    return ra! - rb! || aa! - ab!
  })[0]
}

function judgeSeed(seed: FileImageParams['seed'], plan: RestorePlan): number | undefined {
  if (seed === undefined) return undefined
  if (typeof seed === 'number' && Number.isInteger(seed) && seed >= LIMITS.seedMin && seed <= LIMITS.seedMax) {
    plan.kept.push(`seed ${seed}`)
    return seed
  }
  plan.leftOut.push(`seed ${String(seed)} (a seed is a whole number from ${LIMITS.seedMin} to ${LIMITS.seedMax}; the form’s seed stays)`)
  return undefined
}

function judgeModel(id: string | undefined, kind: 't2i' | 'edit', current: string, plan: RestorePlan): string | undefined {
  if (!id) return undefined
  if (findModel(id)?.kind === kind) {
    plan.kept.push(`model ${id}`)
    return id
  }
  plan.leftOut.push(`model “${id}” (not ${kind === 't2i' ? 'a text-to-image' : 'an editing'} model the studio can send; ${current} stays)`)
  return undefined
}

function judgeSize(p: FileImageParams, model: ModelInfo | undefined, plan: RestorePlan): T2ISize | undefined {
  if (!p.size && !(p.width && p.height)) return undefined
  const sizes = modelSizes(model)
  const exact = sizes.find((s) => s.size === p.size)
  if (exact) {
    plan.kept.push(`size ${exact.ratio} (${times(exact.width, exact.height)})`)
    return exact.size
  }
  const dims = (p.size && parseSize(p.size)) || (p.width && p.height ? { width: p.width, height: p.height } : undefined)
  const nearest = dims && dims.width > 0 && dims.height > 0 ? nearestSize(sizes, dims.width, dims.height) : undefined
  if (!dims || !nearest) {
    plan.leftOut.push(`size “${p.size ?? ''}” (not a size ${model?.id ?? 'the model'} makes)`)
    return undefined
  }
  plan.changed.push(`size ${times(dims.width, dims.height)} → ${times(nearest.width, nearest.height)} (${nearest.ratio}, the nearest size ${model?.id ?? ''} makes)`)
  return nearest.size
}

function text(p: FileImageParams, plan: RestorePlan) {
  plan.kept.push('prompt')
  if (p.negativePrompt) plan.kept.push('negative prompt')
  return { prompt: p.prompt, negativePrompt: p.negativePrompt ?? '' }
}

const onOff = (v: boolean) => (v ? 'on' : 'off')

/** The plan for `params`, given the models the two panels have now. */
export function planRestore(params: FileImageParams, current: { t2iModel: string; editModel: string }): RestorePlan {
  const plan: RestorePlan = { kept: [], changed: [], leftOut: [] }
  if (params.kind === 'input') {
    plan.leftOut.push('everything: it is an edit input the studio kept, not a generated image (add it in the edit panel to use it)')
    return plan
  }
  const isEdit = params.kind === 'edit' || findModel(params.model ?? '')?.kind === 'edit' || (params.inputIds?.length ?? 0) > 0
  if (isEdit) {
    const words = text(params, plan)
    const model = judgeModel(params.model, 'edit', current.editModel, plan)
    const form: EditPatch = { ...words, model, seed: judgeSeed(params.seed, plan), inputIds: params.inputIds ?? [] }
    if (params.watermark !== undefined) {
      form.watermark = params.watermark
      plan.kept.push(`watermark ${onOff(params.watermark)}`)
    }
    if (params.size && !findModel(model ?? current.editModel)?.takesSize) plan.leftOut.push(`size (${model ?? current.editModel} sizes its output from Image 1)`)
    if (params.promptExtend) plan.leftOut.push('prompt extend (edit models do not take it)')
    plan.target = { mode: 'edit', form }
    return plan
  }
  const words = text(params, plan)
  const modelId = judgeModel(params.model, 't2i', current.t2iModel, plan)
  const model = findModel(modelId ?? current.t2iModel)
  const form: ComposePatch = { ...words, model: modelId }
  form.size = judgeSize(params, model, plan)
  form.seed = judgeSeed(params.seed, plan)
  if (params.promptExtend !== undefined && model?.takesPromptExtend) {
    form.promptExtend = params.promptExtend
    plan.kept.push(`prompt extend ${onOff(params.promptExtend)}`)
  }
  if (params.watermark !== undefined) {
    form.watermark = params.watermark
    plan.kept.push(`watermark ${onOff(params.watermark)}`)
  }
  plan.target = { mode: 'generate', form }
  return plan
}

/** The one message a restore shows. */
export function restoreMessage(fileName: string, plan: RestorePlan): string {
  if (!plan.target) return `Nothing restored from ${fileName}: ${plan.leftOut.join('; ')}.`
  const panel = plan.target.mode === 'edit' ? 'the edit panel' : 'the text-to-image form'
  const parts = [`Restored from ${fileName} into ${panel}: ${plan.kept.join(', ')}.`]
  if (plan.changed.length) parts.push(`Changed: ${plan.changed.join('; ')}.`)
  if (plan.leftOut.length) parts.push(`Left out: ${plan.leftOut.join('; ')}.`)
  return parts.join(' ')
}
