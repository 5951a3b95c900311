import { LIMITS } from './limits.ts'

/** The five text-to-image output sizes, as the API spells them ("W*H"). */
export const T2I_SIZES = [
  { size: '1664*928', ratio: '16:9', width: 1664, height: 928 },
  { size: '1472*1140', ratio: '4:3', width: 1472, height: 1140 },
  { size: '1328*1328', ratio: '1:1', width: 1328, height: 1328 },
  { size: '1140*1472', ratio: '3:4', width: 1140, height: 1472 },
  { size: '928*1664', ratio: '9:16', width: 928, height: 1664 },
] as const

export type T2ISize = (typeof T2I_SIZES)[number]['size']

export const DEFAULT_T2I_SIZE: T2ISize = '1328*1328'

export const T2I_SIZE_VALUES = T2I_SIZES.map((s) => s.size) as [T2ISize, ...T2ISize[]]

export function sizeInfo(size: string) {
  return T2I_SIZES.find((s) => s.size === size)
}

/** "1664*928" -> { width: 1664, height: 928 } */
export function parseSize(size: string): { width: number; height: number } | undefined {
  const m = /^(\d+)\*(\d+)$/.exec(size)
  if (!m) return undefined
  return { width: Number(m[1]), height: Number(m[2]) }
}

/**
 * The size of an edit's outputs: about 1024x1024 pixels in total, with the aspect ratio of the
 * first input, each side a multiple of 16 (the reference's examples: 3:2 -> 1248x832).
 */
export function editOutputSize(inputWidth: number, inputHeight: number): { width: number; height: number } {
  const ratio = inputWidth / inputHeight
  const step = LIMITS.editOutputStep
  const side = (v: number) => Math.max(step, Math.round(v / step) * step)
  return {
    width: side(Math.sqrt(LIMITS.editOutputPixels * ratio)),
    height: side(Math.sqrt(LIMITS.editOutputPixels / ratio)),
  }
}
