/**
 * Poster text check: compares a string the prompt asks for with the text OCR read back from the
 * image. Both sides are normalised the way a reader forgives (full-width and half-width forms,
 * case, spacing and punctuation), then the expected string is looked for in the OCR text: exact
 * when it is there verbatim, close when the best-matching stretch of the OCR text is a few edits
 * away (a typo), missing when nothing resembles it.
 */
import type { OcrLang } from './api-paths.ts'
import { countChars, type TEXT_VERDICTS } from './text.ts'

export type TextVerdict = (typeof TEXT_VERDICTS)[number]

/** One piece of a character diff: kept, expected but not read (`missing`), or read but not expected (`extra`). */
export interface CharDiffPart {
  op: 'same' | 'missing' | 'extra'
  text: string
}

export interface TextMatch {
  expected: string
  verdict: TextVerdict
  /** The stretch of the OCR text that matched best (as read, normalised); '' when missing. */
  read: string
  /** Edits between the expected string and `read`, after normalisation. */
  distance: number
  diff: CharDiffPart[]
}

/**
 * What a reader forgives: NFKC (full-width Ａ１！ → A1!, ideographic space), case, whitespace and
 * punctuation, which OCR reads unreliably and a poster may style freely. Letters, digits and CJK stay.
 */
export function normaliseText(text: string): string {
  return Array.from(text.normalize('NFKC').toLowerCase())
    .filter((ch) => /[\p{L}\p{N}]/u.test(ch))
    .join('')
}

/**
 * The substring of `text` with the fewest edits from `pattern` (approximate substring match:
 * the first row is free, so the match may start anywhere). Returns its bounds and the distance.
 */
export function bestWindow(pattern: readonly string[], text: readonly string[]): { start: number; end: number; distance: number } {
  const m = pattern.length
  // dist[j], start[j]: edits and start index of the best match of pattern[0..i) ending at text j.
  let dist = Array.from({ length: text.length + 1 }, () => 0)
  let start = Array.from({ length: text.length + 1 }, (_, j) => j)
  for (let i = 1; i <= m; i++) {
    const nd = [i]
    const ns = [0]
    for (let j = 1; j <= text.length; j++) {
      const sub = dist[j - 1]! + (pattern[i - 1] === text[j - 1] ? 0 : 1)
      const del = dist[j]! + 1
      const ins = nd[j - 1]! + 1
      if (sub <= del && sub <= ins) {
        nd[j] = sub
        ns[j] = start[j - 1]!
      } else if (del <= ins) {
        nd[j] = del
        ns[j] = start[j]!
      } else {
        nd[j] = ins
        ns[j] = ns[j - 1]!
      }
    }
    dist = nd
    start = ns
  }
  let end = 0
  for (let j = 1; j <= text.length; j++) if (dist[j]! < dist[end]!) end = j
  return { start: start[end]!, end, distance: dist[end]! }
}

/** Character diff of `expected` against `read` (both arrays of characters), from the edit table. */
export function charDiff(expected: readonly string[], read: readonly string[]): CharDiffPart[] {
  const n = expected.length
  const m = read.length
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (expected[i - 1] === read[j - 1] ? 0 : 1))
  const parts: CharDiffPart[] = []
  const push = (op: CharDiffPart['op'], ch: string) => {
    const last = parts[0]
    if (last?.op === op) last.text = ch + last.text
    else parts.unshift({ op, text: ch })
  }
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && expected[i - 1] === read[j - 1] && d[i]![j] === d[i - 1]![j - 1]) {
      push('same', expected[--i]!)
      j--
    } else if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + 1) {
      // A substitution shows as the read character next to the expected one.
      push('extra', read[--j]!)
      push('missing', expected[--i]!)
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) push('missing', expected[--i]!)
    else push('extra', read[--j]!)
  }
  return parts
}

/**
 * Edits allowed for "close" rather than "missing": about a third of the string, at least one. A
 * planted typo is one edit; a string the image lacks altogether matches nothing that well.
 */
export function closeLimit(length: number): number {
  return Math.max(1, Math.floor(length / 3))
}

/** How `expected` fares in `ocrText`. */
export function matchText(expected: string, ocrText: string): TextMatch {
  const want = Array.from(normaliseText(expected))
  const got = Array.from(normaliseText(ocrText))
  if (want.length === 0) return { expected, verdict: 'exact', read: '', distance: 0, diff: [] }
  const best = bestWindow(want, got)
  const read = got.slice(best.start, best.end)
  if (best.distance === 0)
    return { expected, verdict: 'exact', read: read.join(''), distance: 0, diff: [{ op: 'same', text: want.join('') }] }
  if (best.distance <= closeLimit(want.length))
    return { expected, verdict: 'close', read: read.join(''), distance: best.distance, diff: charDiff(want, read) }
  return { expected, verdict: 'missing', read: '', distance: want.length, diff: [{ op: 'missing', text: want.join('') }] }
}

/** Every expected string against the OCR text, and the share of its characters read right (0..1). */
export function checkTexts(expected: readonly string[], ocrText: string): { matches: TextMatch[]; accuracy: number } {
  const matches = expected.map((e) => matchText(e, ocrText))
  return { matches, accuracy: textAccuracy(matches) }
}

/** The share of the expected characters (normalised) read right, 0..1. */
export function textAccuracy(matches: readonly TextMatch[]): number {
  let total = 0
  let wrong = 0
  for (const m of matches) {
    const n = countChars(normaliseText(m.expected))
    total += n
    wrong += Math.min(n, m.distance)
  }
  return total === 0 ? 1 : 1 - wrong / total
}

const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/u

/** The OCR languages for these strings: English, plus Simplified Chinese when any has a hanzi. */
export function ocrLangsFor(expected: readonly string[]): OcrLang[] {
  return expected.some((t) => HAN.test(t)) ? ['eng', 'chi_sim'] : ['eng']
}

/**
 * The better of two readings of one string: fewer edits; a string found beats one not found. OCR
 * misses text it cannot segment, but a typo is never read as the right word, so the best
 * reading over several passes keeps every typo and drops most misreadings.
 */
export function betterMatch(a: TextMatch, b: TextMatch): TextMatch {
  if ((a.verdict === 'missing') !== (b.verdict === 'missing')) return a.verdict === 'missing' ? b : a
  return b.distance < a.distance ? b : a
}

/** How a pass prepares the image: grey (luminance), or ink (dark strokes against their surroundings only; see INK). */
export type OcrPrepare = 'grey' | 'ink'

export interface OcrPass {
  scale: number
  layout: 'auto' | 'sparse'
  prepare: OcrPrepare
}

/** Whether `pass` still has work after these readings: see OCR_PASSES. */
export function passNeeded(pass: OcrPass, matches: readonly TextMatch[]): boolean {
  return pass.prepare === 'ink' ? matches.some((m) => m.verdict === 'missing') : matches.some((m) => m.verdict !== 'exact')
}

/**
 * The passes of the poster check, in order. A grey pass runs while a string is not yet read
 * exactly; an ink pass only while one has not been found at all (a typo, read as such, never
 * reads exactly: it does not cost the ink passes too). Three-quarter size reads most posters at half the cost of full size; half size brings
 * huge titles into the line heights tesseract is trained on; sparse layout finds text the block
 * finder passes over; full size reads small or thin strokes. Last, the ink passes: a title on a
 * light panel over a busy, mid-toned background (tesseract's one threshold for the whole image
 * then takes the background for ink and finds no line) is read once only strokes darker than
 * their surroundings are kept. Chosen on the bench's posters (bench/text-check.ts): four grey
 * passes flag 5 of 135 correct strings where one pass flagged 25; the ink passes read those
 * the grey ones missed.
 */
export const OCR_PASSES: readonly OcrPass[] = [
  { scale: 0.75, layout: 'auto', prepare: 'grey' },
  { scale: 0.5, layout: 'auto', prepare: 'grey' },
  { scale: 0.5, layout: 'sparse', prepare: 'grey' },
  { scale: 1, layout: 'auto', prepare: 'grey' },
  { scale: 0.75, layout: 'sparse', prepare: 'ink' },
  { scale: 0.5, layout: 'sparse', prepare: 'ink' },
]

/**
 * The ink preparation: a pixel is ink when it is darker than the mean of the square around it
 * (a side of `window` x the image's width) by more than `contrast` of that mean; all else is paper.
 */
export const INK = { window: 1 / 8, contrast: 0.15 } as const
