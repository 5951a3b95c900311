import { diffWords } from 'diff'
import { quotedTexts } from '../../shared/text.ts'
import { countWords, promptLocale, tokenizePrompt, wordSegmenter } from './tokenize.ts'

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

export type QuoteCheck = {
  /** The quoted passage as the original prompt has it. */
  text: string
  status: 'kept' | 'changed' | 'dropped'
  /** For 'changed': the rewrite's quoted passage that replaced it, when there is one. */
  rewrittenAs?: string
}

/**
 * Word-level diff of the user's prompt against the model's rewrite. Each run of changes between two
 * unchanged stretches comes out as at most one 'removed' part followed by one 'added' part.
 * Whitespace next to a change may be attributed to the neighbouring part (jsdiff's diffWords rule),
 * so the parts render the texts faithfully but need not rebuild their exact whitespace.
 */
export function diffPrompts(original: string, rewritten: string): DiffPart[] {
  const locale = promptLocale(original + rewritten)
  const changes = diffWords(original, rewritten, { intlSegmenter: wordSegmenter(locale) })
  const parts: DiffPart[] = []
  let removed = ''
  let added = ''
  const flushChanges = () => {
    if (removed) parts.push({ kind: 'removed', text: removed })
    if (added) parts.push({ kind: 'added', text: added })
    removed = added = ''
  }
  for (const change of changes) {
    if (change.removed) removed += change.value
    else if (change.added) added += change.value
    else if (change.value) {
      flushChanges()
      const last = parts.at(-1)
      if (last?.kind === 'same') last.text += change.value
      else parts.push({ kind: 'same', text: change.value })
    }
  }
  flushChanges()
  return parts
}

/** Words inserted and deleted by the rewrite (spaces and punctuation are not counted). */
export function diffStats(parts: DiffPart[]): { added: number; removed: number } {
  let added = 0
  let removed = 0
  for (const part of parts) {
    if (part.kind === 'added') added += countWords(part.text)
    else if (part.kind === 'removed') removed += countWords(part.text)
  }
  return { added, removed }
}

/**
 * What the rewrite did to each quoted passage of the original (the text the model is asked to draw):
 * - 'kept': it is one of the rewrite's quoted passages, or stands verbatim in the rewrite (as whole
 *   words, and not only inside a longer quoted passage);
 * - 'changed': a close variant survives: a rewritten quoted passage that contains it, or that only
 *   differs in case, width, spacing or quote marks, or shares at least half its words (Han: characters);
 * - 'dropped': nothing close is left.
 */
export function changedQuotes(original: string, rewritten: string): QuoteCheck[] {
  const rewrittenQuotes = quotedTexts(rewritten)
  return quotedTexts(original).map((text) => checkQuote(text, rewritten, rewrittenQuotes))
}

const CLOSE_ENOUGH = 0.5

function checkQuote(text: string, rewritten: string, rewrittenQuotes: string[]): QuoteCheck {
  if (rewrittenQuotes.includes(text)) return { text, status: 'kept' }
  const widened = rewrittenQuotes.find((q) => containsPhrase(q, text))
  if (widened) return { text, status: 'changed', rewrittenAs: widened }
  if (containsPhrase(rewritten, text)) return { text, status: 'kept' }

  const key = normalize(text)
  const restyled = rewrittenQuotes.find((q) => normalize(q) === key)
  if (restyled) return { text, status: 'changed', rewrittenAs: restyled }
  if (containsPhrase(normalize(rewritten), key)) return { text, status: 'changed' }

  let best: { quote: string; score: number } | undefined
  for (const quote of rewrittenQuotes) {
    const score = similarity(text, quote)
    if (score >= CLOSE_ENOUGH && score > (best?.score ?? 0)) best = { quote, score }
  }
  return best ? { text, status: 'changed', rewrittenAs: best.quote } : { text, status: 'dropped' }
}

/** Case, full-width forms, quote style and runs of whitespace folded away. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[“”„‟«»「」『』]/g, '"')
    .replace(/[‘’‚‛]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
}

const WORD_CHAR = /[\p{L}\p{N}]/u
/** Scripts written without spaces: a match inside a run of them is still a whole phrase. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/** Whether two adjacent characters belong to the same space-delimited word. */
function glued(left: string | undefined, right: string | undefined): boolean {
  const inWord = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c) && !UNSPACED.test(c)
  return inWord(left) && inWord(right)
}

const firstChar = (s: string) => Array.from(s.slice(0, 2))[0]
const lastChar = (s: string) => Array.from(s.slice(-2)).at(-1)

/** `needle` occurs in `haystack` as whole words ("Sale" is not in "Salesman"). */
function containsPhrase(haystack: string, needle: string): boolean {
  if (!needle) return false
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    const before = lastChar(haystack.slice(0, i))
    const after = firstChar(haystack.slice(i + needle.length))
    if (!glued(before, firstChar(needle)) && !glued(lastChar(needle), after)) return true
  }
  return false
}

/** Words of a passage for likeness: normalized, no punctuation, Han split into characters. */
function likenessTokens(text: string): string[] {
  const normalized = normalize(text)
  return tokenizePrompt(normalized)
    .filter((token) => WORD_CHAR.test(token))
    .flatMap((token) => (UNSPACED.test(token) ? Array.from(token) : [token]))
}

/** Dice coefficient of the two passages' token multisets: 1 for the same words, 0 for none shared. */
function similarity(a: string, b: string): number {
  const left = likenessTokens(a)
  const right = likenessTokens(b)
  if (left.length + right.length === 0) return 0
  const counts = new Map<string, number>()
  for (const token of left) counts.set(token, (counts.get(token) ?? 0) + 1)
  let shared = 0
  for (const token of right) {
    const n = counts.get(token) ?? 0
    if (n > 0) {
      shared++
      counts.set(token, n - 1)
    }
  }
  return (2 * shared) / (left.length + right.length)
}
