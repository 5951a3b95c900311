/** What a request generates: its seed, its output size and its rendered PNGs. */
import { LIMITS } from '../shared/limits.ts'
import { outputSizeOf } from '../shared/size-rules.ts'
import { editOutputSize } from '../shared/sizes.ts'
import type { NormalizedRequest } from '../shared/validate.ts'
import { randomInt } from 'node:crypto'
import { renderEdit, renderTextToImage } from './render-image.ts'
import type { PngBytes } from './result-store.ts'
import type { EditInput } from './scene-edit.ts'

/**
 * A prompt containing this token makes the simulator fail the request the way the vendor's
 * output inspection does (task FAILED, or 400 on the sync endpoint), so clients can test it.
 */
export const SIMULATOR_FAIL_TOKEN = '[sim:fail]'

export const INSPECTION_FAILURE = {
  code: 'DataInspectionFailed',
  message: 'Output data may contain inappropriate content.',
} as const

export function wantsFailure(request: NormalizedRequest): boolean {
  return request.prompt.includes(SIMULATOR_FAIL_TOKEN)
}

/** The request's seed, or a random one in the documented range when it has none (as the vendor does). */
export function resolveSeed(request: NormalizedRequest): number {
  return request.seed ?? randomInt(LIMITS.seedMin, LIMITS.seedMax + 1)
}

/** The seed of the i-th output: consecutive seeds, so n outputs differ from one another. */
export function outputSeed(seed: number, index: number): number {
  return (seed + index) % (LIMITS.seedMax + 1)
}

/** Where a model picks the size itself (3.0 without `size`): one of its recommended sizes, by prompt. */
const RECOMMENDED_SIZES = ['2048*2048', '2688*1536', '1536*2688', '2368*1728', '1728*2368'] as const

function pickedSize(prompt: string): string {
  let h = 0
  for (const ch of prompt) h = (h * 31 + ch.codePointAt(0)!) >>> 0
  return RECOMMENDED_SIZES[h % RECOMMENDED_SIZES.length]!
}

/**
 * The size of a request's outputs: the asked size as the model snaps it; without one, an edit
 * follows its last input (about a megapixel, LINEUP §1a) and text to image takes the default.
 */
export function outputSize(request: NormalizedRequest, inputs: readonly EditInput[]): { width: number; height: number } {
  const rule = request.model.size
  if (request.size) {
    const size = outputSizeOf(rule, request.size)
    if (!size) throw new Error(`unknown size ${request.size}`)
    return size
  }
  if (request.mode === 'edit') {
    const last = inputs[inputs.length - 1]
    if (!last) throw new Error('an edit needs at least one input image')
    return editOutputSize(last.width, last.height)
  }
  return outputSizeOf(rule, pickedSize(request.prompt))!
}

/** Renders the request's n outputs (in parallel, off the main thread); `typo`: the text-typo fault. */
export function renderOutputs(
  request: NormalizedRequest,
  seed: number,
  inputs: readonly EditInput[] = [],
  typo = false,
): Promise<PngBytes[]> {
  const size = outputSize(request, inputs)
  return Promise.all(
    Array.from({ length: request.n }, (_, i) => {
      const scene = {
        model: request.model.id,
        prompt: request.prompt,
        seed: outputSeed(seed, i),
        watermark: request.watermark,
        typo,
        ...size,
      }
      return request.mode === 'edit' ? renderEdit({ ...scene, inputs }) : renderTextToImage(scene)
    }),
  )
}
