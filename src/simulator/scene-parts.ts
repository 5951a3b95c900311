/** SVG fragments shared by the text-to-image and edit scenes. All sizes scale with the canvas. */
import type { Prng } from './prng.ts'
import { quotedTexts } from '../shared/text.ts'
import { fontAttributes, type PosterStyle } from './poster-style.ts'
import { ellipsize, escapeXml, fitText, fontFamilyFor, textWidthEm } from './svg-text.ts'

export interface Canvas {
  width: number
  height: number
}

export const hsl = (h: number, s: number, l: number, a = 1) =>
  a === 1
    ? `hsl(${Math.round(h) % 360},${Math.round(s)}%,${Math.round(l)}%)`
    : `hsla(${Math.round(h) % 360},${Math.round(s)}%,${Math.round(l)}%,${a.toFixed(2)})`

/** Five related hues from one seeded base hue. */
export function palette(rng: Prng): number[] {
  const base = rng.range(0, 360)
  const spread = rng.pick([30, 45, 120, 150, 180])
  return [0, spread, -spread / 2, spread * 1.5, 200].map((d) => (base + d + 360) % 360)
}

export function backgroundGradient(rng: Prng, hues: number[], { width, height }: Canvas): string {
  const angle = rng.range(0, Math.PI)
  const x = Math.cos(angle) * 50
  const y = Math.sin(angle) * 50
  const stops = [
    [0, hsl(hues[0]!, rng.range(55, 85), rng.range(55, 75))],
    [0.55, hsl(hues[1]!, rng.range(45, 80), rng.range(40, 65))],
    [1, hsl(hues[2]!, rng.range(50, 85), rng.range(25, 45))],
  ] as const
  const glow = { cx: rng.range(20, 80), cy: rng.range(15, 60), r: rng.range(30, 60) }
  return (
    `<defs><linearGradient id="bg" x1="${50 - x}%" y1="${50 - y}%" x2="${50 + x}%" y2="${50 + y}%">` +
    stops.map(([o, c]) => `<stop offset="${o}" stop-color="${c}"/>`).join('') +
    `</linearGradient><radialGradient id="glow" cx="${glow.cx}%" cy="${glow.cy}%" r="${glow.r}%">` +
    `<stop offset="0" stop-color="#fff" stop-opacity="0.45"/><stop offset="1" stop-color="#fff" stop-opacity="0"/>` +
    `</radialGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#bg)"/><rect width="${width}" height="${height}" fill="url(#glow)"/>`
  )
}

/** Circles, rings, rotated rounded squares, triangles and waves, placed and coloured by `rng`. */
export function shapes(rng: Prng, hues: number[], { width, height }: Canvas, count: number, { opacity = 0.75, scale = 1 } = {}): string {
  const unit = Math.min(width, height) * scale
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    const x = rng.range(0, width)
    const y = rng.range(0, height)
    const r = rng.range(0.05, 0.22) * unit
    const fill = hsl(rng.pick(hues), rng.range(50, 95), rng.range(35, 80), rng.range(opacity * 0.6, opacity))
    const kind = rng.int(0, 4)
    if (kind === 0) out.push(`<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}"/>`)
    else if (kind === 1)
      out.push(
        `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="none" stroke="${fill}" stroke-width="${(r * 0.22).toFixed(1)}"/>`,
      )
    else if (kind === 2)
      out.push(
        `<rect x="${(x - r).toFixed(1)}" y="${(y - r).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(2 * r).toFixed(1)}" rx="${(r * 0.25).toFixed(1)}" fill="${fill}" transform="rotate(${rng.range(0, 90).toFixed(1)} ${x.toFixed(1)} ${y.toFixed(1)})"/>`,
      )
    else if (kind === 3) {
      const points = [0, 1, 2]
        .map((k) => {
          const a = rng.range(0, 0.6) + (k * 2 * Math.PI) / 3
          return `${(x + Math.cos(a) * r * 1.3).toFixed(1)},${(y + Math.sin(a) * r * 1.3).toFixed(1)}`
        })
        .join(' ')
      out.push(`<polygon points="${points}" fill="${fill}"/>`)
    } else {
      const amp = r * 0.5
      const step = width / 6
      let d = `M0 ${y.toFixed(1)}`
      for (let k = 0; k < 6; k++) d += ` q${(step / 2).toFixed(1)} ${(k % 2 ? amp : -amp).toFixed(1)} ${step.toFixed(1)} 0`
      out.push(`<path d="${d}" fill="none" stroke="${fill}" stroke-width="${(r * 0.18).toFixed(1)}" stroke-linecap="round"/>`)
    }
  }
  return out.join('')
}

export function textLine(text: string, x: number, y: number, size: number, fill: string, extra = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-family="${fontFamilyFor(text)}" font-weight="bold" font-size="${size.toFixed(1)}" fill="${fill}"${extra}>${escapeXml(text)}</text>`
}

/**
 * The prompt's quoted texts, large and legible on a panel: the first as a title, the others
 * smaller below it. `top`/`height` bound the block; it is centred horizontally, drawn in `style`
 * (typeface, panel, tilt) when given, else in the default bold sans on a light panel.
 */
export function quotedBlock(
  quotes: readonly string[],
  canvas: Canvas,
  area: { top: number; height: number },
  ink: string,
  style?: PosterStyle,
): string {
  if (quotes.length === 0) return ''
  const shown = quotes.slice(0, 6)
  const width = canvas.width * 0.84
  const pad = Math.min(canvas.width, canvas.height) * 0.025
  const weights = shown.map((_, i) => (i === 0 ? 1.7 : 1))
  const total = weights.reduce((a, b) => a + b, 0)
  const blocks = shown.map((q, i) => {
    const share = (area.height - 2 * pad) * (weights[i]! / total)
    return fitText(q, {
      width: width - 2 * pad,
      height: share,
      maxFont: canvas.height * (i === 0 ? (style?.titleSize ?? 0.11) : 0.06),
      maxLines: i === 0 ? 2 : 3,
    })
  })
  const used = blocks.reduce((h, b) => h + b.lines.length * b.fontSize * 1.2, 0)
  const panelHeight = used + 2 * pad
  const top = area.top + (area.height - panelHeight) / 2
  const left = (canvas.width - width) / 2
  const fill = style?.ink ?? ink
  const out = [
    `<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="${panelHeight.toFixed(1)}" rx="${(pad * 1.2).toFixed(1)}" fill="${style?.panel ?? '#fff'}" fill-opacity="${style?.panelOpacity ?? 0.82}"/>`,
  ]
  let y = top + pad
  for (const block of blocks) {
    for (const line of block.lines) {
      y += block.fontSize * 1.2
      const x = canvas.width / 2
      const baseline = y - block.fontSize * 0.28
      out.push(
        style
          ? `<text x="${x.toFixed(1)}" y="${baseline.toFixed(1)}" ${fontAttributes(line, style)} font-size="${block.fontSize.toFixed(1)}" fill="${fill}" text-anchor="middle">${escapeXml(line)}</text>`
          : textLine(line, x, baseline, block.fontSize, fill, ' text-anchor="middle"'),
      )
    }
  }
  if (!style?.tilt) return out.join('')
  const cx = canvas.width / 2
  const cy = top + panelHeight / 2
  return `<g transform="rotate(${style.tilt} ${cx.toFixed(1)} ${cy.toFixed(1)})">${out.join('')}</g>`
}

/** The prompt with its quoted texts shown as “…”: a caption must not draw them a second time. */
export function withoutQuotes(prompt: string): string {
  let out = prompt
  for (const q of quotedTexts(prompt)) out = out.split(q).join('…')
  return out
}

/** A small caption at the bottom left: the start of the prompt, and model and seed below it. */
export function caption(prompt: string, detail: string, canvas: Canvas): string {
  const size = Math.max(12, Math.min(canvas.width, canvas.height) * 0.022)
  const maxWidth = canvas.width * 0.66
  const first = ellipsize(prompt, maxWidth / size - 1)
  const small = size * 0.75
  const boxWidth = Math.max(textWidthEm(first) * size, textWidthEm(detail) * small) + size * 1.2
  const boxHeight = size * 1.25 + small * 1.3 + size * 0.6
  const x = size * 0.8
  const y = canvas.height - boxHeight - size * 0.8
  return (
    `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${boxWidth.toFixed(1)}" height="${boxHeight.toFixed(1)}" rx="${(size * 0.4).toFixed(1)}" fill="#000" fill-opacity="0.5"/>` +
    textLine(first, x + size * 0.6, y + size * 1.25, size, '#fff') +
    textLine(detail, x + size * 0.6, y + size * 1.25 + small * 1.3, small, '#ddd')
  )
}

/** The vendor's watermark text, bottom right. */
export function watermark(canvas: Canvas): string {
  const size = Math.max(14, Math.min(canvas.width, canvas.height) * 0.035)
  const x = canvas.width - size * 0.8
  const y = canvas.height - size * 0.8
  return (
    textLine('Qwen-Image', x + size * 0.06, y + size * 0.06, size, '#000', ' text-anchor="end" fill-opacity="0.45"') +
    textLine('Qwen-Image', x, y, size, '#fff', ' text-anchor="end" fill-opacity="0.9"')
  )
}
