/**
 * The SVG of an edit result: Image 1 fills the canvas under a seeded tint and shapes, Images 2-3
 * sit as labelled thumbnails on the right, the instruction's quoted texts on top. resvg can only
 * decode PNG and JPEG; any other input is drawn as a panel giving its format and size.
 */
import { createPrng } from './prng.ts'
import { caption, hsl, palette, quotedBlock, shapes, textLine, watermark, withoutQuotes, type Canvas } from './scene-parts.ts'
import { drawnTexts, sceneSeed, type Svg, type TextToImageScene } from './scene-text-to-image.ts'
import { fitText, hasCjk } from './svg-text.ts'

export interface EditInput {
  /** 'png', 'jpg', 'webp', 'bmp', 'tiff' (as sniffed from the bytes). */
  format: string
  width: number
  height: number
  bytes: Uint8Array
}

/** An edit renders like a text-to-image scene, drawn over its inputs. */
export interface EditScene extends TextToImageScene {
  inputs: readonly EditInput[]
}

const EMBEDDABLE: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg' }

export function canEmbed(format: string): boolean {
  return format in EMBEDDABLE
}

interface Box {
  x: number
  y: number
  width: number
  height: number
}

function picture(input: EditInput, label: string, box: Box, hue: number): string {
  const { x, y, width, height } = box
  const mime = EMBEDDABLE[input.format]
  if (mime) {
    const href = `data:${mime};base64,${Buffer.from(input.bytes).toString('base64')}`
    return `<image x="${x}" y="${y}" width="${width}" height="${height}" preserveAspectRatio="xMidYMid slice" href="${href}"/>`
  }
  const band = Math.max(8, Math.min(width, height) * 0.06)
  const text = `${label}: ${input.format.toUpperCase()} ${input.width}×${input.height}`
  const fit = fitText(text, { width: width * 0.86, height: height * 0.4, maxFont: height * 0.09, maxLines: 2 })
  const stripes = `ph${Math.round(hue)}-${Math.round(x)}-${Math.round(y)}`
  const lines = fit.lines.map((line, i) =>
    textLine(
      line,
      x + width / 2,
      y + height / 2 + (i - (fit.lines.length - 1) / 2) * fit.fontSize * 1.2 + fit.fontSize * 0.35,
      fit.fontSize,
      '#fff',
      ' text-anchor="middle"',
    ),
  )
  return (
    `<defs><pattern id="${stripes}" width="${band * 2}" height="${band * 2}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="${band * 2}" height="${band * 2}" fill="${hsl(hue, 25, 55)}"/><rect width="${band}" height="${band * 2}" fill="${hsl(hue, 25, 45)}"/></pattern></defs>` +
    `<rect x="${x}" y="${y}" width="${width}" height="${height}" fill="url(#${stripes})"/>` +
    lines.join('')
  )
}

function thumbnails(inputs: readonly EditInput[], canvas: Canvas, hue: number): string {
  const side = Math.min(canvas.width, canvas.height) * 0.24
  const gap = side * 0.12
  const out: string[] = []
  inputs.slice(1).forEach((input, i) => {
    const x = canvas.width - side - gap
    const y = canvas.height * 0.37 + i * (side + gap * 1.6)
    const label = `Image ${i + 2}`
    const size = side * 0.11
    out.push(
      `<rect x="${x - 4}" y="${y - 4}" width="${side + 8}" height="${side + 8}" rx="6" fill="#fff"/>`,
      picture(input, label, { x, y, width: side, height: side }, hue + 40 * (i + 1)),
      `<rect x="${x}" y="${y + side - size * 1.6}" width="${side}" height="${size * 1.6}" fill="#000" fill-opacity="0.55"/>`,
      textLine(label, x + size * 0.5, y + side - size * 0.45, size, '#fff'),
    )
  })
  return out.join('')
}

export function editSvg(scene: EditScene): Svg {
  const { width, height } = scene
  const canvas = { width, height }
  const rng = createPrng(sceneSeed(scene.seed, scene.model, scene.prompt))
  const hues = palette(rng)
  const first = scene.inputs[0]
  const tint = hsl(hues[0]!, rng.range(60, 90), rng.range(40, 60), rng.range(0.22, 0.38))
  const body = [
    first ? picture(first, 'Image 1', { x: 0, y: 0, width, height }, hues[1]!) : '',
    `<rect width="${width}" height="${height}" fill="${tint}"/>`,
    shapes(rng, hues, canvas, rng.int(3, 6), { opacity: 0.5, scale: 0.45 }),
    thumbnails(scene.inputs, canvas, hues[2]!),
    quotedBlock(drawnTexts(scene), canvas, { top: height * 0.04, height: height * 0.3 }, hsl(hues[3]!, 70, 22)),
    caption(withoutQuotes(scene.prompt), `${scene.model} · seed ${scene.seed}`, canvas),
    scene.watermark ? watermark(canvas) : '',
  ].join('')
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`,
    cjk: hasCjk(scene.prompt),
  }
}
