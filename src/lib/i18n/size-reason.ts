import { i18n } from '@lingui/core'
import { t } from '@lingui/core/macro'
import type { SizeReason, SizeRule } from '../../shared/size-rules.ts'

/** Why the size sent differs from the one typed, in the active language. */
export function sizeReasonText(reason: SizeReason, rule: SizeRule): string {
  // As the API says it: 2048*2048 for a square area, else the number of pixels.
  const pixels = (n: number) => (Number.isInteger(Math.sqrt(n)) ? `${Math.sqrt(n)}*${Math.sqrt(n)}` : n.toLocaleString(i18n.locale))
  if (reason === 'fixed') return t`this model takes five fixed sizes: the closest ratio`
  if (reason === 'perSide' && rule.kind === 'perSide') return t`each side must be ${rule.min}-${rule.max}: scaled, then snapped to 16`
  if (reason === 'maxArea' && rule.kind === 'area') return t`at most ${pixels(rule.maxPixels)} pixels: scaled down, ratio kept`
  if (reason === 'minArea' && rule.kind === 'area') return t`at least ${pixels(rule.minPixels)} pixels: scaled up, ratio kept`
  return t`snapped to multiples of 16`
}
