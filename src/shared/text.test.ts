import { describe, expect, it } from 'vitest'
import {
  countChars,
  countPrompt,
  estimateTokens,
  overflowChars,
  overflowPrompt,
  quotedTexts,
  truncateChars,
  truncatePrompt,
  truncateTokens,
} from './text.ts'

describe('countChars', () => {
  it('counts one per Unicode character, Chinese and emoji included', () => {
    expect(countChars('cat')).toBe(3)
    expect(countChars('一只猫')).toBe(3)
    expect(countChars('猫🐱a')).toBe(3)
    expect(countChars('')).toBe(0)
  })
})

describe('truncateChars / overflowChars', () => {
  it('keeps the first N characters and returns what is cut', () => {
    const s = '中'.repeat(799) + '🐱' + 'tail'
    expect(countChars(truncateChars(s, 800))).toBe(800)
    expect(truncateChars(s, 800).endsWith('🐱')).toBe(true)
    expect(overflowChars(s, 800)).toBe('tail')
    expect(truncateChars('short', 800)).toBe('short')
    expect(overflowChars('short', 800)).toBe('')
  })
})

describe('quotedTexts', () => {
  it('finds text in straight, curly and CJK quotes', () => {
    expect(quotedTexts('A poster with the title “Come Play Ball!”, a "Sale" tag, 标题「欢迎光临」 and 『新品』')).toEqual([
      'Come Play Ball!',
      'Sale',
      '欢迎光临',
      '新品',
    ])
  })
  it('ignores empty quotes', () => {
    expect(quotedTexts('"" and “ ”')).toEqual([])
  })
})

describe('estimateTokens / truncateTokens', () => {
  it('counts one per UTF-8 byte: never fewer than a byte-level tokenizer', () => {
    expect(estimateTokens('cat')).toBe(3)
    expect(estimateTokens('一只猫')).toBe(9)
    expect(estimateTokens('🐱')).toBe(4)
  })
  it('cuts at the limit without splitting a character', () => {
    expect(truncateTokens('猫猫猫', 7)).toBe('猫猫')
    expect(truncatePrompt('abcdef', { unit: 'tokens', max: 4 })).toBe('abcd')
    expect(overflowPrompt('一只猫', { unit: 'tokens', max: 6 })).toBe('猫')
    expect(countPrompt('一只猫', { unit: 'chars', max: 800 })).toBe(3)
    expect(countPrompt('一只猫', { unit: 'tokens', max: 800 })).toBe(9)
  })
  it('cuts where encoding character by character would, for any text and limit', () => {
    const encoder = new TextEncoder()
    /** The definition: characters one at a time, each as many tokens as its UTF-8 bytes. */
    const byDefinition = (text: string, max: number) => {
      let bytes = 0
      let out = ''
      for (const ch of text) {
        bytes += encoder.encode(ch).byteLength
        if (bytes > max) return out
        out += ch
      }
      return out
    }
    const pieces = ['a', ' ', 'é', 'ß', '猫', '一', '🐱', '👍🏽', '\u{10ffff}', '\ud800', '\udc00', '\n', '\u07ff', '\u0800', '\uffff']
    let seed = 11
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 2000; round++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join('')
      const max = Math.floor(random() * (estimateTokens(text) + 3))
      expect(truncateTokens(text, max), JSON.stringify([text, max])).toBe(byDefinition(text, max))
    }
  })
})

describe('quotedTexts with straight single quotes', () => {
  it("reads '…' at word edges and leaves apostrophes alone", () => {
    expect(quotedTexts("A sign saying 'Fresh Bread' and don't forget 'Open'.")).toEqual(['Fresh Bread', 'Open'])
    expect(quotedTexts("it's the cat's toy")).toEqual([])
  })
})
