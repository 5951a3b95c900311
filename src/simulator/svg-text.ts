/**
 * Text for the SVG scenes: XML escaping, which font draws a line, a width estimate and a layout
 * that wraps and sizes lines to fit a box. resvg has no text measuring API, so widths are
 * estimated from per-character classes, on the generous side so lines never overflow.
 */

export const LATIN_FONT = 'DejaVu Sans'
/** The family name resvg reads from NotoSansHans-Bold.otf. */
export const CJK_FONT = 'Noto Sans S Chinese'

const CJK = /[\u2E80-\u2FDF\u3000-\u30FF\u3100-\u312F\u31A0-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF]/u

export function hasCjk(text: string): boolean {
  return CJK.test(text)
}

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .split('')
    .filter((ch) => isXmlChar(ch.charCodeAt(0)))
    .join('')
}

/** Characters XML 1.0 forbids (C0 controls except tab, LF, CR; U+FFFE, U+FFFF) are dropped. */
function isXmlChar(code: number): boolean {
  return (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) && code !== 0xfffe && code !== 0xffff
}

/** font-family attribute value for a line: CJK lines are drawn (whole) with Noto Sans. */
export function fontFamilyFor(text: string): string {
  return hasCjk(text) ? `'${CJK_FONT}', '${LATIN_FONT}'` : `'${LATIN_FONT}', '${CJK_FONT}'`
}

/** Advance width of one character in em, for bold text. */
function charEm(ch: string, cjkLine: boolean): number {
  if (CJK.test(ch)) return 1
  let em: number
  if (ch === ' ') em = 0.36
  else if (/[iljI!.,:;|'`]/.test(ch)) em = 0.4
  else if (/[mwMW@%]/.test(ch)) em = 1.08
  else if (/[A-Z]/.test(ch)) em = 0.8
  else if (/[0-9]/.test(ch)) em = 0.72
  else if (/[a-z]/.test(ch)) em = 0.7
  else em = 0.8
  // Noto's Latin glyphs are narrower than DejaVu's.
  return cjkLine ? em * 0.85 : em
}

/** Estimated width of `text` in em (bold). */
export function textWidthEm(text: string): number {
  const cjkLine = hasCjk(text)
  let em = 0
  for (const ch of text) em += charEm(ch, cjkLine)
  return em
}

/** Break points: spaces for words, and between any two CJK characters. */
function tokens(text: string): string[] {
  const out: string[] = []
  let word = ''
  for (const ch of text) {
    if (CJK.test(ch)) {
      if (word) out.push(word)
      out.push(ch)
      word = ''
    } else if (ch === ' ') {
      if (word) out.push(word)
      out.push(' ')
      word = ''
    } else word += ch
  }
  if (word) out.push(word)
  return out
}

/** Greedy wrap into lines no wider than `maxEm`; a single over-long word gets its own line. */
export function wrapText(text: string, maxEm: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const token of tokens(text.replace(/\s+/g, ' ').trim())) {
    const candidate = line + token
    if (line && token !== ' ' && textWidthEm(candidate.trimEnd()) > maxEm) {
      lines.push(line.trimEnd())
      line = token === ' ' ? '' : token
    } else if (!(line === '' && token === ' ')) line = candidate
  }
  if (line.trim()) lines.push(line.trimEnd())
  return lines
}

export interface FittedText {
  lines: string[]
  fontSize: number
}

/**
 * Wraps `text` into at most `maxLines` lines and picks the largest font size (up to `maxFont`)
 * at which every line fits in `width` and all lines (at `lineHeight`) fit in `height`.
 */
export function fitText(
  text: string,
  box: { width: number; height: number; maxFont: number; maxLines: number; lineHeight?: number },
): FittedText {
  const lineHeight = box.lineHeight ?? 1.2
  const oneLine = Math.max(textWidthEm(text), 0.5)
  let best: FittedText = { lines: [text], fontSize: Math.min(box.maxFont, box.width / oneLine, box.height / lineHeight) }
  for (let count = 2; count <= box.maxLines; count++) {
    const lines = wrapText(text, oneLine / count + 1)
    if (lines.length > box.maxLines) continue
    const widest = Math.max(...lines.map(textWidthEm), 0.5)
    const fontSize = Math.min(box.maxFont, box.width / widest, box.height / (lines.length * lineHeight))
    // Another line only when it makes the text clearly larger.
    if (fontSize > best.fontSize * 1.2) best = { lines, fontSize }
  }
  return { lines: best.lines, fontSize: Math.floor(best.fontSize * 10) / 10 }
}

/** The first characters of `text` that fit in `maxEm`, with an ellipsis when cut. */
export function ellipsize(text: string, maxEm: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (textWidthEm(flat) <= maxEm) return flat
  let out = ''
  for (const ch of flat) {
    if (textWidthEm(`${out}${ch}…`) > maxEm) break
    out += ch
  }
  return `${out.trimEnd()}…`
}
