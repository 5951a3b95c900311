import { t } from '@lingui/core/macro'
/**
 * The arithmetic of fixing an edit input so the vendor accepts it: sides within 384-3072 px
 * (keeping the aspect ratio) and at most 10 MB.
 */
import { LIMITS } from '../../shared/limits.ts'

export interface Dimensions {
  width: number
  height: number
}

export type SizeFix =
  | { kind: 'none' }
  | { kind: 'downscale'; to: Dimensions }
  | { kind: 'upscale'; to: Dimensions }
  /** Both limits cannot hold at once (an extreme aspect ratio): nothing keeps the ratio. */
  | { kind: 'impossible'; reason: string }

/** The resize that brings both sides within [min, max] keeping the aspect ratio, if one exists. */
export function sizeFix({ width, height }: Dimensions, min = LIMITS.editImageMinPx, max = LIMITS.editImageMaxPx): SizeFix {
  const long = Math.max(width, height)
  const short = Math.min(width, height)
  if (short >= min && long <= max) return { kind: 'none' }
  if (long / short > max / min)
    return {
      kind: 'impossible',
      reason: t`Its aspect ratio (${width}:${height}) is more extreme than ${max}:${min}, so no resize keeps it within ${min}-${max} px. Crop it first.`,
    }
  const scale = long > max ? max / long : min / short
  const side = (v: number) => Math.min(max, Math.max(min, Math.round(v * scale)))
  return { kind: long > max ? 'downscale' : 'upscale', to: { width: side(width), height: side(height) } }
}

/** JPEG qualities tried in turn when re-encoding to fit the byte limit. */
export const REENCODE_QUALITIES = [0.92, 0.85, 0.75, 0.65, 0.5] as const

export function fitsBytes(bytes: number): boolean {
  return bytes <= LIMITS.editImageMaxBytes
}
