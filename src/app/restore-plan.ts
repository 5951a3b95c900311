/**
 * What a dropped file's parameters become in the studio: only what the studio can send. An unknown
 * model keeps the current one, a seed out of range is left out, a size the model does not make
 * becomes the nearest one it does; an edit result goes to the edit panel. Every decision is listed
 * (kept, changed, left out) so the user reads one honest message instead of a silent skip.
 */
import { t } from '@lingui/core/macro'
import type { FileImageParams } from '../features/gallery/files/studio-params.ts'
import { LIMITS } from '../shared/limits.ts'
import { canEdit, canTextToImage, findModel, type ModelInfo } from '../shared/models.ts'
import { chooseSize } from '../shared/size-rules.ts'
import { sizeReasonText } from '../lib/i18n/size-reason.ts'
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
    plan.kept.push(t`seed ${seed}`)
    return seed
  }
  const { seedMin, seedMax } = LIMITS
  const given = String(seed)
  plan.leftOut.push(t`seed ${given} (a seed is a whole number from ${seedMin} to ${seedMax}; the form’s seed stays)`)
  return undefined
}

function judgeModel(id: string | undefined, kind: 't2i' | 'edit', current: string, plan: RestorePlan): string | undefined {
  if (!id) return undefined
  const found = findModel(id)
  if (found && (kind === 't2i' ? canTextToImage(found) : canEdit(found))) {
    plan.kept.push(t`model ${id}`)
    return id
  }
  plan.leftOut.push(
    kind === 't2i'
      ? t`model “${id}” (not a text-to-image model the studio can send; ${current} stays)`
      : t`model “${id}” (not an editing model the studio can send; ${current} stays)`,
  )
  return undefined
}

function judgeSize(p: FileImageParams, model: ModelInfo | undefined, plan: RestorePlan): string | undefined {
  if (!p.size && !(p.width && p.height)) return undefined
  const dims = (p.size && parseSize(p.size)) || (p.width && p.height ? { width: p.width, height: p.height } : undefined)
  if (!model || model.size.kind === 'none' || !dims || !(dims.width > 0 && dims.height > 0)) {
    const size = p.size ?? ''
    plan.leftOut.push(model ? t`size “${size}” (not a size ${model.id} makes)` : t`size “${size}” (not a size the model makes)`)
    return undefined
  }
  // A fixed size recorded with the 2025 spelling of 4:3 (1472*1140) is that size today.
  const legacy = model.size.kind === 'fixed' && p.size ? parseSize(currentFixedSize(p.size)) : undefined
  const choice = chooseSize(model.size, (legacy ?? dims).width, (legacy ?? dims).height)
  const ratio = sizeInfo(choice.size)?.ratio
  if (!choice.adjusted) {
    const made = times(choice.width, choice.height)
    plan.kept.push(ratio ? t`size ${ratio} (${made})` : t`size (${made})`)
    return choice.size
  }
  const from = times(dims.width, dims.height)
  const to = times(choice.width, choice.height)
  const id = model.id
  const why = sizeReasonText(choice.reason ?? 'snap16', model.size)
  plan.changed.push(
    model.size.kind === 'fixed'
      ? t`size ${from} → ${to} (${ratio ?? ''}, the nearest size ${id} makes)`
      : t`size ${from} → ${to} (${why} for ${id})`,
  )
  return choice.size
}

function text(p: FileImageParams, plan: RestorePlan) {
  plan.kept.push(t`prompt`)
  if (p.negativePrompt) plan.kept.push(t`negative prompt`)
  return { prompt: p.prompt, negativePrompt: p.negativePrompt ?? '' }
}

/** The plan for `params`, given the models the two panels have now. */
export function planRestore(params: FileImageParams, current: { t2iModel: string; editModel: string }): RestorePlan {
  const plan: RestorePlan = { kept: [], changed: [], leftOut: [] }
  if (params.kind === 'input') {
    plan.leftOut.push(t`everything: it is an edit input the studio kept, not a generated image (add it in the edit panel to use it)`)
    return plan
  }
  const isEdit = params.kind === 'edit' || findModel(params.model ?? '')?.kind === 'edit' || (params.inputIds?.length ?? 0) > 0 // a 'both' model's text to image stays text to image
  if (isEdit) {
    const words = text(params, plan)
    const model = judgeModel(params.model, 'edit', current.editModel, plan)
    const form: EditPatch = { ...words, model, seed: judgeSeed(params.seed, plan), inputIds: params.inputIds ?? [] }
    if (params.watermark !== undefined) {
      form.watermark = params.watermark
      plan.kept.push(params.watermark ? t`watermark on` : t`watermark off`)
    }
    if (params.size && !findModel(model ?? current.editModel)?.takesSize)
      plan.leftOut.push(t`size (${model ?? current.editModel} sizes its output from Image 1)`)
    if (params.promptExtend) plan.leftOut.push(t`prompt extend (edit models do not take it)`)
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
    plan.kept.push(params.promptExtend ? t`prompt extend on` : t`prompt extend off`)
  }
  if (params.watermark !== undefined) {
    form.watermark = params.watermark
    plan.kept.push(params.watermark ? t`watermark on` : t`watermark off`)
  }
  plan.target = { mode: 'generate', form }
  return plan
}

/** The one message a restore shows. */
export function restoreMessage(fileName: string, plan: RestorePlan): string {
  const comma = t({ message: ', ', comment: 'between short items of a list' })
  const semicolon = t({ message: '; ', comment: 'between long items of a list' })
  const leftOut = plan.leftOut.join(semicolon)
  if (!plan.target) return t`Nothing restored from ${fileName}: ${leftOut}.`
  const kept = plan.kept.join(comma)
  const parts = [
    plan.target.mode === 'edit'
      ? t`Restored from ${fileName} into the edit panel: ${kept}.`
      : t`Restored from ${fileName} into the text-to-image form: ${kept}.`,
  ]
  const changed = plan.changed.join(semicolon)
  if (plan.changed.length) parts.push(t`Changed: ${changed}.`)
  if (plan.leftOut.length) parts.push(t`Left out: ${leftOut}.`)
  return parts.join(t({ message: ' ', comment: 'between sentences' }))
}
