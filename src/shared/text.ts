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

const utf8 = new TextEncoder()

/**
 * Prompt tokens, estimated from above: one per UTF-8 byte. The models' tokenizers are byte-level
 * BPE, so a token covers at least one byte and the true count is never higher than this (English
 * runs about 4 bytes a token, Chinese about 3 per character): a prompt under the limit here is
 * under it at the vendor. The simulator cuts where this estimate says, so both agree.
 */
export function estimateTokens(text: string): number {
  return utf8.encode(text).byteLength
}

/**
 * The longest start of `text` whose estimated tokens fit in `max` (never splits a character). Its
 * characters' UTF-8 sizes are read from their code points, as the encoder writes them (a lone
 * surrogate as U+FFFD, 3 bytes), and the start is cut once: encoding character by character took
 * half a millisecond for a 470-character prompt, on every sync request the gateway judged.
 */
export function truncateTokens(text: string, max: number): string {
  let bytes = 0
  for (let i = 0; i < text.length;) {
    const point = text.codePointAt(i)!
    bytes += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4
    if (bytes > max) return text.slice(0, i)
    i += point > 0xffff ? 2 : 1
  }
  return text
}

/** A prompt limit: characters (code points) or estimated tokens. */
export interface PromptLimit {
  unit: 'chars' | 'tokens'
  max: number
}

export function countPrompt(text: string, limit: PromptLimit): number {
  return limit.unit === 'chars' ? countChars(text) : estimateTokens(text)
}

export function truncatePrompt(text: string, limit: PromptLimit): string {
  return limit.unit === 'chars' ? truncateChars(text, limit.max) : truncateTokens(text, limit.max)
}

/** The part of `text` past the limit: what the vendor will cut. */
export function overflowPrompt(text: string, limit: PromptLimit): string {
  return text.slice(truncatePrompt(text, limit).length)
}

/**
 * How a quoted string fares in the poster text check (text-check.ts): read exactly, close (a few
 * characters off), or not found. Here, not there, so the stored record's schema does not pull the
 * check's code into the page's first load.
 */
export const TEXT_VERDICTS = ['exact', 'close', 'missing'] as const
