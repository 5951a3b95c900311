/**
 * How a poster draws its quoted texts, picked by the scene's seed: the typeface (sans, serif,
 * mono or condensed DejaVu for Latin; Noto Sans SC bold or regular for Chinese), a panel light or
 * dark behind the text, a slight tilt and the title's size. Varied so the studio's text check
 * meets more than one look, yet always legible: high contrast, tilt within ±3°.
 */
import type { Prng } from './prng.ts'
import { CJK_FONT, hasCjk, LATIN_FONT } from './svg-text.ts'

export const LATIN_FAMILIES = [LATIN_FONT, 'DejaVu Serif', 'DejaVu Sans Mono', 'DejaVu Sans Condensed'] as const

export interface PosterStyle {
  latinFamily: string
  cjkWeight: 'bold' | 'normal'
  panel: string
  panelOpacity: number
  ink: string
  /** Degrees, clockwise. */
  tilt: number
  /** The title's largest size as a share of the canvas height. */
  titleSize: number
}

// scene-parts.ts draws with this module's styles, so its hsl helper is not imported back.
const hsl = (h: number, s: number, l: number) => `hsl(${Math.round(h) % 360},${s}%,${l}%)`

export function posterStyle(rng: Prng, hues: readonly number[]): PosterStyle {
  const dark = rng.next() < 0.35
  return {
    latinFamily: rng.pick(LATIN_FAMILIES),
    cjkWeight: rng.pick(['bold', 'normal'] as const),
    panel: dark ? hsl(hues[3]!, 40, 12) : '#fff',
    panelOpacity: dark ? 0.85 : 0.82,
    ink: dark ? hsl(hues[0]!, 30, 94) : hsl(hues[3]!, 70, 22),
    tilt: Math.round(rng.range(-3, 3) * 10) / 10,
    titleSize: rng.pick([0.08, 0.095, 0.11]),
  }
}

/** font-family and font-weight attributes for one line in this style. */
export function fontAttributes(text: string, style: PosterStyle): string {
  if (hasCjk(text)) return `font-family="'${CJK_FONT}', '${style.latinFamily}'" font-weight="${style.cjkWeight}"`
  return `font-family="'${style.latinFamily}', '${CJK_FONT}'" font-weight="bold"`
}
