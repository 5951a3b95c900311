import { LIMITS } from './limits.ts'

/**
 * The 4:3 fixed size. The 2025 reference (qwen-image-text-to-image.txt, Nov 2025) says 1472*1140;
 * every 2026 vendor page (qwen-image-api EN and ZH, max/plus era) and the Qwen-Image model card
 * since 2025-08-05 say 1472*1104, which is exactly 4:3 and a multiple of 16. We send 1104; old
 * records keep 1140 readable (LEGACY_SIZES), and the gateway retries once with the other value
 * should the live API refuse one (src/proxy/four-three-fallback.ts).
 */
export const SIZE_4_3 = '1472*1104'
export const SIZE_3_4 = '1104*1472'
export const LEGACY_SIZE_4_3 = '1472*1140'
export const LEGACY_SIZE_3_4 = '1140*1472'

/** The five fixed text-to-image output sizes, as the API spells them ("W*H"). */
export const T2I_SIZES = [
  { size: '1664*928', ratio: '16:9', width: 1664, height: 928 },
  { size: SIZE_4_3, ratio: '4:3', width: 1472, height: 1104 },
  { size: '1328*1328', ratio: '1:1', width: 1328, height: 1328 },
  { size: SIZE_3_4, ratio: '3:4', width: 1104, height: 1472 },
  { size: '928*1664', ratio: '9:16', width: 928, height: 1664 },
] as const

/** The 2025 spellings of the 4:3 and 3:4 sizes: still readable, still accepted by the simulator. */
export const LEGACY_SIZES = [
  { size: LEGACY_SIZE_4_3, ratio: '4:3', width: 1472, height: 1140, current: SIZE_4_3 },
  { size: LEGACY_SIZE_3_4, ratio: '3:4', width: 1140, height: 1472, current: SIZE_3_4 },
] as const

export type T2ISize = (typeof T2I_SIZES)[number]['size']

/** The fixed-size models' default since 2026 (it was 1328*1328 in 2025): send `size` explicitly. */
export const DEFAULT_T2I_SIZE: T2ISize = '1664*928'

export const T2I_SIZE_VALUES = T2I_SIZES.map((s) => s.size) as [T2ISize, ...T2ISize[]]

export function sizeInfo(size: string): { size: string; ratio: string; width: number; height: number } | undefined {
  return T2I_SIZES.find((s) => s.size === size) ?? LEGACY_SIZES.find((s) => s.size === size)
}

/** A fixed size as it is sent today: the 1140 spellings become 1104, anything else is unchanged. */
export function currentFixedSize(size: string): string {
  return LEGACY_SIZES.find((s) => s.size === size)?.current ?? size
}

/** The other spelling of a 4:3 or 3:4 size (1104 <-> 1140), or undefined for any other size. */
export function otherFourThree(size: string): string | undefined {
  const pairs: Record<string, string> = {
    [SIZE_4_3]: LEGACY_SIZE_4_3,
    [LEGACY_SIZE_4_3]: SIZE_4_3,
    [SIZE_3_4]: LEGACY_SIZE_3_4,
    [LEGACY_SIZE_3_4]: SIZE_3_4,
  }
  return pairs[size]
}

/** "1664*928" -> { width: 1664, height: 928 } */
export function parseSize(size: string): { width: number; height: number } | undefined {
  const m = /^(\d+)\*(\d+)$/.exec(size)
  if (!m) return undefined
  return { width: Number(m[1]), height: Number(m[2]) }
}

export const formatSizeValue = (width: number, height: number) => `${width}*${height}`

/**
 * The size of an edit's outputs when none is asked for: about 1024x1024 pixels in total, with the
 * aspect ratio of the reference input (the last one per the 2026 pages), each side a multiple of 16
 * (the reference's examples: 3:2 -> 1248x832).
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
