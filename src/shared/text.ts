/**
 * Prompt length as the vendor counts it: one per Unicode character (code point), so a Chinese
 * character, a letter, a digit and an emoji each count as one.
 */
export function countChars(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** The first `max` characters (code points) of `text`: what the vendor keeps of a longer prompt. */
export function truncateChars(text: string, max: number): string {
  if (text.length <= max) return text
  return Array.from(text).slice(0, max).join('')
}

/** The part of `text` past `max` characters: what the vendor will cut. */
export function overflowChars(text: string, max: number): string {
  if (text.length <= max) return ''
  return Array.from(text).slice(max).join('')
}

/**
 * Quoted passages in a prompt: text the model is asked to draw. Recognises "…", “…”, 「…」,
 * 『…』, ‘…’, «…» and '…' (straight single quotes only at a word's edge, so an apostrophe as in
 * "don't" opens nothing). Returns the inner text of each, in order.
 */
export function quotedTexts(text: string): string[] {
  const out: string[] = []
  const re = /"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』|‘([^’]+)’|«([^»]+)»|(?<![\p{L}\p{N}])'([^'\n]+)'(?![\p{L}\p{N}])/gu
  for (const m of text.matchAll(re)) {
    const inner = m.slice(1).find((g) => g !== undefined)
    if (inner && inner.trim()) out.push(inner.trim())
  }
  return out
}

/**
 * How a quoted string fares in the poster text check (text-check.ts): read exactly, close (a few
 * characters off), or not found. Here, not there, so the stored record's schema does not pull the
 * check's code into the page's first load.
 */
export const TEXT_VERDICTS = ['exact', 'close', 'missing'] as const
