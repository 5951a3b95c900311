/**
 * The `text-typo` fault: one quoted string is drawn with one character changed, dropped or two
 * swapped, the mistakes a text-drawing model makes, so the studio's text check can be tested and
 * measured offline. Deterministic for the scene's seed. Replacements avoid look-alikes (O/0, l/1/I)
 * that no reader, human or OCR, could tell apart.
 */
import { createPrng, type Prng } from './prng.ts'
import { hasCjk } from './svg-text.ts'

export type TypoKind = 'change' | 'drop' | 'swap'

export interface PlantedTypo {
  /** Which quoted string carries the typo. */
  index: number
  kind: TypoKind
  /** The string as drawn. */
  drawn: string
}

const LATIN = 'abcdefghkmnprstuvwxyz'
const DIGITS = '2345678'
const HANZI = '天地人和春夏秋冬山水花鸟风云日月金木火土东西南北大小多少新旧美好'

const isWordChar = (ch: string) => /[\p{L}\p{N}]/u.test(ch)

function replacement(ch: string, rng: Prng): string {
  const pool = hasCjk(ch) ? HANZI : /\p{N}/u.test(ch) ? DIGITS : LATIN
  const choices = Array.from(pool).filter((c) => c !== ch.toLowerCase() && c !== ch)
  const pick = rng.pick(choices)
  return ch === ch.toUpperCase() && ch !== ch.toLowerCase() ? pick.toUpperCase() : pick
}

/** `text` with one typo of `kind` at a seeded letter (or digit, or hanzi); null when it has none to spare. */
export function withTypo(text: string, kind: TypoKind, rng: Prng): string | null {
  const chars = Array.from(text)
  const spots = chars.map((_, i) => i).filter((i) => isWordChar(chars[i]!))
  if (spots.length < 2) return null
  if (kind === 'swap') {
    const pairs = spots.filter((i) => isWordChar(chars[i + 1] ?? '') && chars[i]!.toLowerCase() !== chars[i + 1]!.toLowerCase())
    if (pairs.length === 0) return withTypo(text, 'change', rng)
    const i = rng.pick(pairs)
    ;[chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!]
    return chars.join('')
  }
  const i = rng.pick(spots)
  // Dropping one of two equal neighbours reads as a typo too, but keep it plain: drop a letter
  // that differs from the one before it.
  if (kind === 'drop') {
    const droppable = spots.filter((j) => chars[j - 1] !== chars[j])
    chars.splice(droppable.length ? rng.pick(droppable) : i, 1)
  } else chars[i] = replacement(chars[i]!, rng)
  return chars.join('')
}

/** Plants one typo in one of `quotes`, seeded by `seed`; null when no string has room for one. */
export function plantTypo(quotes: readonly string[], seed: number): PlantedTypo | null {
  const rng = createPrng((seed ^ 0x7e57_7e57) >>> 0)
  const candidates = quotes.map((_, i) => i).filter((i) => Array.from(quotes[i]!).filter(isWordChar).length >= 2)
  if (candidates.length === 0) return null
  const index = rng.pick(candidates)
  const kind = rng.pick<TypoKind>(['change', 'drop', 'swap'])
  const drawn = withTypo(quotes[index]!, kind, rng)
  return drawn === null ? null : { index, kind, drawn }
}
