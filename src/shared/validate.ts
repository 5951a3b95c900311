/**
 * The vendor's request rules, judged field by field. The simulator answers with them and the
 * gateway refuses with them before forwarding, so a request we know is bad never costs money.
 */
import type { $ZodError } from 'zod/v4/core'
import { LIMITS } from './limits.ts'
import { findModel, promptLimitOf, type ModelInfo } from './models.ts'
import { ImageSynthesisRequest, MultimodalRequest, type ImageParameters } from './schemas.ts'
import { NOT_SHAPED, shapeParser } from './shape-parse.ts'
import { sizeProblem } from './size-rules.ts'
import { truncateChars, truncatePrompt } from './text.ts'
import { checkImageFacts, inspectDataUrl, sniffImage, type DataUrlHead } from './image-input.ts'
import type { ErrorCode } from './errors.ts'

export interface ValidationIssue {
  code: ErrorCode
  /** Dotted path of the offending field, e.g. "parameters.n". */
  field: string
  message: string
}

/** A request after validation, in the simulator's terms: prompts already truncated as documented. */
export interface NormalizedRequest {
  endpoint: 'multimodal' | 'imageSynthesis'
  model: ModelInfo
  /** What this request does: a "both" model edits when it is given images. */
  mode: 't2i' | 'edit'
  prompt: string
  negativePrompt: string
  /** As sent, or the model's default; '' when the output follows the inputs (or the model picks). */
  size: string
  n: number
  promptExtend: boolean
  watermark: boolean
  seed: number | undefined
  /** Edit inputs, in order, as sent (http(s), data: or oss:// URLs). */
  images: string[]
}

export type Validation = { ok: true; request: NormalizedRequest } | { ok: false; issue: ValidationIssue }

const fail = (code: ErrorCode, field: string, message: string): Validation => ({
  ok: false,
  issue: { code, field, message },
})

function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('')
}

function shapeIssue(error: $ZodError): Validation {
  const first = error.issues[0]!
  const field = pathOf(first.path) || 'body'
  const detail =
    first.code === 'invalid_type'
      ? `must be ${first.expected === 'object' || first.expected === 'array' ? 'an' : 'a'} ${first.expected}`
      : first.code === 'invalid_value'
        ? `must be one of ${first.values.map((v) => JSON.stringify(v)).join(', ')}`
        : first.code === 'invalid_union'
          ? 'has an unexpected shape'
          : first.message
  return fail('InvalidParameter', field, `${field} ${detail}`)
}

const readSynthesis = shapeParser(ImageSynthesisRequest)
const readMultimodal = shapeParser(MultimodalRequest)

interface Parsed<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: $ZodError }
}

/** The body as its schema reads it: quickly (./shape-parse.ts), or by zod, with its first issue, when that does not take it. */
function shaped<T>(schema: Parsed<T>, read: ((value: unknown) => T | typeof NOT_SHAPED) | undefined, body: unknown) {
  const quick = read ? read(body) : NOT_SHAPED
  return quick === NOT_SHAPED ? schema.safeParse(body) : { success: true as const, data: quick }
}

function checkModel(body: unknown): ModelInfo | Validation {
  const model = (body as { model?: unknown } | null)?.model
  if (model === undefined || model === '' || model === null)
    return fail('BadRequest.EmptyModel', 'model', 'Required parameter "model" missing from request.')
  if (typeof model !== 'string') return fail('InvalidParameter', 'model', 'model must be a string')
  const info = findModel(model)
  if (!info) return fail('ModelNotFound', 'model', `Model not exist: ${model}`)
  return info
}

function checkParameters(model: ModelInfo, p: ImageParameters | undefined): Validation | null {
  if (!p) return null
  if (p.n !== undefined) {
    if (!Number.isInteger(p.n)) return fail('InvalidParameter', 'parameters.n', 'parameters.n must be an integer')
    if (p.n < model.n.min || p.n > model.n.max)
      return fail(
        'InvalidParameter',
        'parameters.n',
        model.n.max === 1
          ? `parameters.n must be 1 for ${model.id} (num_images_per_prompt must be 1)`
          : `parameters.n must be between ${model.n.min} and ${model.n.max} for ${model.id}`,
      )
  }
  if (p.seed !== undefined && (!Number.isInteger(p.seed) || p.seed < LIMITS.seedMin || p.seed > LIMITS.seedMax))
    return fail('InvalidParameter', 'parameters.seed', `parameters.seed must be an integer in [${LIMITS.seedMin}, ${LIMITS.seedMax}]`)
  if (model.takesSize && p.size !== undefined) {
    const problem = sizeProblem(model.size, p.size)
    if (problem) return fail('InvalidParameter', 'parameters.size', `parameters.size ${problem}`)
  }
  return null
}

function normalize(
  endpoint: NormalizedRequest['endpoint'],
  model: ModelInfo,
  prompt: string,
  negative: string | undefined,
  p: ImageParameters | undefined,
  images: string[],
): NormalizedRequest {
  const mode = images.length > 0 ? 'edit' : 't2i'
  return {
    endpoint,
    model,
    mode,
    prompt: truncatePrompt(prompt, promptLimitOf(model, endpoint)),
    negativePrompt: truncateChars(negative ?? '', LIMITS.negativePromptMaxChars),
    size: model.takesSize ? (p?.size ?? (mode === 't2i' ? (model.defaultT2ISize ?? '') : '')) : '',
    n: p?.n ?? model.n.default,
    promptExtend: model.takesPromptExtend ? (p?.prompt_extend ?? LIMITS.promptExtendDefault) : false,
    watermark: p?.watermark ?? LIMITS.watermarkDefault,
    seed: p?.seed,
    images,
  }
}

/** POST /services/aigc/text2image/image-synthesis (async text-to-image). */
export function validateImageSynthesis(body: unknown): Validation {
  const model = checkModel(body)
  if ('ok' in model) return model
  if (!model.endpoints.asyncSynthesis)
    return fail('InvalidParameter', 'model', `${model.id} does not support asynchronous calls; use the multimodal-generation endpoint`)
  if ((body as { input?: unknown }).input === undefined)
    return fail('BadRequest.EmptyInput', 'input', 'Required input parameter "input" missing from request.')
  const parsed = shaped(ImageSynthesisRequest, readSynthesis, body)
  if (!parsed.success) return shapeIssue(parsed.error)
  const { input, parameters } = parsed.data
  if (!input.prompt.trim()) return fail('InvalidParameter', 'input.prompt', 'input.prompt must not be empty')
  return (
    checkParameters(model, parameters) ?? {
      ok: true,
      request: normalize('imageSynthesis', model, input.prompt, input.negative_prompt, parameters, []),
    }
  )
}

/** Reads a data: URL's header and first bytes; `inspectDataUrl` unless the caller holds them otherwise. */
export type InspectDataUrl = (url: string) => DataUrlHead | { error: string }

/** One edit input: a public http(s) URL (checked where it is fetched) or a data: URL (checked here). */
export function checkImageInput(
  url: string,
  field: string,
  label: string,
  inspect: InspectDataUrl = inspectDataUrl,
): ValidationIssue | null {
  if (/^https?:\/\//i.test(url)) return null
  // A temporary upload (getPolicy): resolved, or refused, where it is read.
  if (/^oss:\/\/\S+$/i.test(url)) return null
  if (!url.startsWith('data:'))
    return { code: 'InvalidParameter', field, message: `${label} must be an http(s) URL or a data: URL (or an oss:// upload)` }
  const data = inspect(url)
  if ('error' in data) return { code: 'InvalidParameter', field, message: `${label} ${data.error}` }
  const problem = checkImageFacts(sniffImage(data.head, data.byteLength), data.mime)
  return problem ? { code: 'InvalidParameter', field, message: `${label} ${problem}` } : null
}

/** POST /services/aigc/multimodal-generation/generation (sync text-to-image and editing). */
export function validateMultimodal(body: unknown, inspect: InspectDataUrl = inspectDataUrl): Validation {
  const model = checkModel(body)
  if ('ok' in model) return model
  if ((body as { input?: unknown }).input === undefined)
    return fail('BadRequest.EmptyInput', 'input', 'Required input parameter "input" missing from request.')
  const parsed = shaped(MultimodalRequest, readMultimodal, body)
  if (!parsed.success) return shapeIssue(parsed.error)
  const { input, parameters } = parsed.data
  if (input.messages.length !== 1) return fail('InvalidParameter', 'input.messages', 'input.messages must contain exactly one message')
  const message = input.messages[0]!
  if (message.role !== 'user') return fail('InvalidParameter', 'input.messages[0].role', 'input.messages[0].role must be "user"')
  const texts = message.content.flatMap((c) => ('text' in c ? [c.text] : []))
  const images = message.content.flatMap((c) => ('image' in c ? [c.image] : []))
  const contentField = 'input.messages[0].content'
  if (texts.length !== 1) return fail('InvalidParameter', contentField, `${contentField} must contain exactly one text element`)
  if (!texts[0]!.trim()) return fail('InvalidParameter', `${contentField}.text`, 'the text prompt must not be empty')
  if (model.kind === 't2i' && images.length > 0)
    return fail('InvalidParameter', contentField, `${model.id} is a text-to-image model and takes no image`)
  const range = model.editImages
  if (range && (model.kind === 'edit' || images.length > 0)) {
    if (images.length < range.min || images.length > range.max)
      return fail(
        'InvalidParameter',
        contentField,
        model.kind === 'both'
          ? `${contentField} must contain no image (text to image) or ${range.min} to ${range.max} images (got ${images.length})`
          : `${contentField} must contain ${range.min} to ${range.max} images (got ${images.length})`,
      )
    let imageIndex = 0
    for (const [i, c] of message.content.entries()) {
      if (!('image' in c)) continue
      imageIndex++
      const issue = checkImageInput(c.image, `${contentField}[${i}].image`, `Image ${imageIndex}`, inspect)
      if (issue) return { ok: false, issue }
    }
  }
  return (
    checkParameters(model, parameters) ?? {
      ok: true,
      request: normalize('multimodal', model, texts[0]!, parameters?.negative_prompt, parameters, images),
    }
  )
}
