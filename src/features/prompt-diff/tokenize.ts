const HAN = /\p{Script=Han}/u

const segmenters = new Map<string, Intl.Segmenter>()

/** 'zh' when the text contains a Han character, else 'en'. */
export function promptLocale(text: string): 'zh' | 'en' {
  return HAN.test(text) ? 'zh' : 'en'
}

/** A word segmenter for `locale`, made once per locale (they are costly to build). */
export function wordSegmenter(locale: string): Intl.Segmenter {
  let segmenter = segmenters.get(locale)
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' })
    segmenters.set(locale, segmenter)
  }
  return segmenter
}

/**
 * A prompt split into words, whitespace and punctuation, each its own token, so
 * `tokenizePrompt(t).join('') === t`. Chinese is split into dictionary words (一只 / 橘色 / 的 / 猫).
 * The locale defaults to 'zh' for text with Han characters, else 'en'.
 */
export function tokenizePrompt(text: string, locale: string = promptLocale(text)): string[] {
  return Array.from(wordSegmenter(locale).segment(text), (s) => s.segment)
}

/** How many words (not spaces or punctuation) the text holds. */
export function countWords(text: string, locale: string = promptLocale(text)): number {
  let n = 0
  for (const s of wordSegmenter(locale).segment(text)) if (s.isWordLike) n++
  return n
}
