/** The SVG of a text-to-image result: seeded background and shapes, the quoted texts, a caption. */
import { quotedTexts } from '../shared/text.ts'
import { createPrng, hashString } from './prng.ts'
import { posterStyle } from './poster-style.ts'
import { backgroundGradient, caption, hsl, palette, quotedBlock, shapes, watermark, withoutQuotes } from './scene-parts.ts'
import { hasCjk } from './svg-text.ts'
import { plantTypo } from './text-typo.ts'

export interface TextToImageScene {
  model: string
  prompt: string
  seed: number
  width: number
  height: number
  watermark: boolean
  /** The `text-typo` fault: one quoted string is drawn with a typo. */
  typo?: boolean
}

export interface Svg {
  svg: string
  /** Whether any text needs the CJK font (which is slower to load). */
  cjk: boolean
}

/** The generator's seed: the request's seed mixed with the prompt and the model. */
export function sceneSeed(seed: number, model: string, prompt: string): number {
  return (seed ^ hashString(`${model}\n${prompt}`)) >>> 0
}

export function textToImageSvg(scene: TextToImageScene): Svg {
  const { width, height } = scene
  const rng = createPrng(sceneSeed(scene.seed, scene.model, scene.prompt))
  const hues = palette(rng)
  const detail = `${scene.model} · seed ${scene.seed}`
  const background = backgroundGradient(rng, hues, scene)
  const decoration = shapes(rng, hues, scene, rng.int(7, 12))
  const style = posterStyle(rng, hues)
  const body = [
    background,
    decoration,
    quotedBlock(drawnTexts(scene), scene, { top: height * 0.08, height: height * 0.62 }, hsl(hues[3]!, 70, 22), style),
    caption(withoutQuotes(scene.prompt), detail, scene),
    scene.watermark ? watermark(scene) : '',
  ].join('')
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`,
    cjk: hasCjk(scene.prompt),
  }
}

/** The quoted texts as the scene draws them: with one typo under the `text-typo` fault. */
export function drawnTexts(scene: Pick<TextToImageScene, 'model' | 'prompt' | 'seed' | 'typo'>): string[] {
  const quotes = quotedTexts(scene.prompt)
  const typo = scene.typo ? plantTypo(quotes, sceneSeed(scene.seed, scene.model, scene.prompt)) : null
  return typo ? quotes.map((q, i) => (i === typo.index ? typo.drawn : q)) : quotes
}
