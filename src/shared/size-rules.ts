/**
 * The three ways a model takes `size` (LINEUP-2026 §1a), and the snapping the vendor does: sides
 * rounded to the nearest multiple of 16, ties down (1033*1032 -> 1040*1024 on the edit page;
 * 2048*872 -> 2048*864).
 */
import { currentFixedSize, formatSizeValue, LEGACY_SIZES, parseSize, T2I_SIZE_VALUES } from './sizes.ts'

export const SIZE_STEP = 16

export type SizeRule =
  /** One of a list (the max/plus family): anything else is refused. */
  | { kind: 'fixed'; sizes: readonly string[] }
  /** Each side within [min, max] (edit-max / edit-plus): output snapped to multiples of 16. */
  | { kind: 'perSide'; min: number; max: number }
  /** Total pixels within [minPixels, maxPixels] (2.0, 3.0): one side may pass 2048; snapped to 16. */
  | { kind: 'area'; minPixels: number; maxPixels: number }
  /** `size` is not a parameter of the model (qwen-image-edit): the output follows the input. */
  | { kind: 'none' }

export const FIXED_SIZES: SizeRule = { kind: 'fixed', sizes: T2I_SIZE_VALUES }
export const PER_SIDE_512_2048: SizeRule = { kind: 'perSide', min: 512, max: 2048 }
export const AREA_512_2048: SizeRule = { kind: 'area', minPixels: 512 * 512, maxPixels: 2048 * 2048 }
export const NO_SIZE: SizeRule = { kind: 'none' }

/** The nearest multiple of 16, ties rounded down (never below 16). */
export function snap16(value: number): number {
  return Math.max(SIZE_STEP, Math.ceil(value / SIZE_STEP - 0.5) * SIZE_STEP)
}

/** Whether `size` is a value the rule accepts as sent (the vendor then snaps free sizes). */
export function sizeProblem(rule: SizeRule, size: string): string | null {
  if (rule.kind === 'none') return 'is not supported by this model (its output follows the input image)'
  if (rule.kind === 'fixed') {
    const accepted = [...rule.sizes, ...LEGACY_SIZES.map((s) => s.size)]
    return accepted.includes(size) ? null : `must be one of ${rule.sizes.join(', ')} (got "${size}")`
  }
  const parsed = parseSize(size)
  if (!parsed || parsed.width === 0 || parsed.height === 0) return `must be "width*height" in pixels, e.g. "1024*1024" (got "${size}")`
  const { width, height } = parsed
  if (rule.kind === 'perSide') {
    if (width < rule.min || width > rule.max || height < rule.min || height > rule.max)
      return `must have each side between ${rule.min} and ${rule.max} pixels (got "${size}")`
    return null
  }
  const pixels = width * height
  if (pixels < rule.minPixels || pixels > rule.maxPixels)
    return `must have between ${areaText(rule.minPixels)} and ${areaText(rule.maxPixels)} pixels in total (got "${size}", ${pixels} pixels)`
  return null
}

const areaText = (pixels: number) => {
  const side = Math.sqrt(pixels)
  return Number.isInteger(side) ? `${side}*${side}` : String(pixels)
}

/** The size the model outputs for an accepted `size`: fixed sizes as sent (1140 read as 1104), free ones snapped. */
export function outputSizeOf(rule: SizeRule, size: string): { width: number; height: number } | undefined {
  const parsed = parseSize(rule.kind === 'fixed' ? currentFixedSize(size) : size)
  if (!parsed || rule.kind === 'fixed') return parsed
  return { width: snap16(parsed.width), height: snap16(parsed.height) }
}

export interface SizeChoice {
  /** What to send ("W*H"). */
  size: string
  width: number
  height: number
  /** Whether it differs from what was typed. */
  adjusted: boolean
  /** Why, when adjusted (English, for logs and the API); `reason` says it as a code for the UI. */
  note?: string
  reason?: SizeReason
}

/** Why a size was adjusted: snapped to 16, the closest fixed ratio, per-side limits, total-area limits. */
export type SizeReason = 'snap16' | 'fixed' | 'perSide' | 'maxArea' | 'minArea'

/**
 * What the studio sends for a typed width x height: the nearest size the rule accepts, snapped to
 * 16, keeping the ratio when the typed size is outside the limits. For a fixed list: the closest
 * ratio in it.
 */
export function chooseSize(rule: SizeRule, width: number, height: number): SizeChoice {
  const w0 = Math.max(1, Math.round(width))
  const h0 = Math.max(1, Math.round(height))
  const done = (w: number, h: number, note?: string, reason: SizeReason = 'snap16'): SizeChoice => {
    const adjusted = w !== w0 || h !== h0
    return {
      size: formatSizeValue(w, h),
      width: w,
      height: h,
      adjusted,
      ...(adjusted ? { note: note ?? 'snapped to multiples of 16', reason: note ? reason : 'snap16' } : {}),
    }
  }
  if (rule.kind === 'none') return done(w0, h0)
  if (rule.kind === 'fixed') {
    const ratio = w0 / h0
    const best = rule.sizes
      .map((s) => parseSize(s)!)
      .reduce((a, b) => (Math.abs(Math.log(a.width / a.height / ratio)) <= Math.abs(Math.log(b.width / b.height / ratio)) ? a : b))
    return done(best.width, best.height, 'this model takes five fixed sizes: the closest ratio', 'fixed')
  }
  if (rule.kind === 'perSide') {
    // Scale down (or up) as a whole so the ratio survives, then clamp what still does not fit.
    const scale = Math.min(1, rule.max / Math.max(w0, h0)) * Math.max(1, rule.min / Math.min(w0, h0))
    const fit = (v: number) => Math.min(rule.max, Math.max(rule.min, snap16(v * scale)))
    const w = fit(w0)
    const h = fit(h0)
    return done(w, h, scale !== 1 ? `each side must be ${rule.min}-${rule.max}: scaled, then snapped to 16` : undefined, 'perSide')
  }
  let w = snap16(w0)
  let h = snap16(h0)
  if (w * h > rule.maxPixels) {
    const scale = Math.sqrt(rule.maxPixels / (w0 * h0))
    w = Math.floor((w0 * scale) / SIZE_STEP) * SIZE_STEP
    h = Math.floor((h0 * scale) / SIZE_STEP) * SIZE_STEP
    return done(w, h, `at most ${areaText(rule.maxPixels)} pixels: scaled down, ratio kept`, 'maxArea')
  }
  if (w * h < rule.minPixels) {
    const scale = Math.sqrt(rule.minPixels / (w0 * h0))
    w = Math.ceil((w0 * scale) / SIZE_STEP) * SIZE_STEP
    h = Math.ceil((h0 * scale) / SIZE_STEP) * SIZE_STEP
    return done(w, h, `at least ${areaText(rule.minPixels)} pixels: scaled up, ratio kept`, 'minArea')
  }
  return done(w, h)
}

/** A size with the ratio of `width:height` and about `pixels` in total, made acceptable by the rule. */
export function sizeForRatio(rule: SizeRule, width: number, height: number, pixels = 1024 * 1024): SizeChoice {
  const ratio = width / height
  return chooseSize(rule, Math.sqrt(pixels * ratio), Math.sqrt(pixels / ratio))
}
