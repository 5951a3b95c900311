/**
 * What a dropped file's parameters become in the studio: only what the studio can send. An unknown
 * model keeps the current one, a seed out of range is left out, a size the model does not make
 * becomes the nearest one it does; an edit result goes to the edit panel. Every decision is listed
 * (kept, changed, left out) so the user reads one honest message instead of a silent skip.
 */
import type { FileImageParams } from '../features/gallery/files/studio-params.ts'
import { LIMITS } from '../shared/limits.ts'
import { canEdit, canTextToImage, findModel, type ModelInfo } from '../shared/models.ts'
import { chooseSize } from '../shared/size-rules.ts'
import { currentFixedSize, parseSize, sizeInfo } from '../shared/sizes.ts'

export interface ComposePatch {
  model?: string
  prompt: string
  negativePrompt: string
  size?: string
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
  const found = findModel(id)
  if (found && (kind === 't2i' ? canTextToImage(found) : canEdit(found))) {
    plan.kept.push(`model ${id}`)
    return id
  }
  plan.leftOut.push(`model “${id}” (not ${kind === 't2i' ? 'a text-to-image' : 'an editing'} model the studio can send; ${current} stays)`)
  return undefined
}

function judgeSize(p: FileImageParams, model: ModelInfo | undefined, plan: RestorePlan): string | undefined {
  if (!p.size && !(p.width && p.height)) return undefined
  const dims = (p.size && parseSize(p.size)) || (p.width && p.height ? { width: p.width, height: p.height } : undefined)
  if (!model || model.size.kind === 'none' || !dims || !(dims.width > 0 && dims.height > 0)) {
    plan.leftOut.push(`size “${p.size ?? ''}” (not a size ${model?.id ?? 'the model'} makes)`)
    return undefined
  }
  // A fixed size recorded with the 2025 spelling of 4:3 (1472*1140) is that size today.
  const legacy = model.size.kind === 'fixed' && p.size ? parseSize(currentFixedSize(p.size)) : undefined
  const choice = chooseSize(model.size, (legacy ?? dims).width, (legacy ?? dims).height)
  const ratio = sizeInfo(choice.size)?.ratio
  if (!choice.adjusted) {
    plan.kept.push(`size ${ratio ? `${ratio} ` : ''}(${times(choice.width, choice.height)})`)
    return choice.size
  }
  const why = model.size.kind === 'fixed' ? `${ratio}, the nearest size ${model.id} makes` : `${choice.note ?? 'snapped'} for ${model.id}`
  plan.changed.push(`size ${times(dims.width, dims.height)} → ${times(choice.width, choice.height)} (${why})`)
  return choice.size
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
  const isEdit = params.kind === 'edit' || findModel(params.model ?? '')?.kind === 'edit' || (params.inputIds?.length ?? 0) > 0 // a 'both' model's text to image stays text to image
  if (isEdit) {
    const words = text(params, plan)
    const model = judgeModel(params.model, 'edit', current.editModel, plan)
    const form: EditPatch = { ...words, model, seed: judgeSeed(params.seed, plan), inputIds: params.inputIds ?? [] }
    if (params.watermark !== undefined) {
      form.watermark = params.watermark
      plan.kept.push(`watermark ${onOff(params.watermark)}`)
    }
    if (params.size && !findModel(model ?? current.editModel)?.takesSize)
      plan.leftOut.push(`size (${model ?? current.editModel} sizes its output from Image 1)`)
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
