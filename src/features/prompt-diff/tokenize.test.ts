import { describe, expect, it } from 'vitest'
import { countWords, promptLocale, tokenizePrompt } from './tokenize.ts'

describe('tokenizePrompt', () => {
  it('splits English into words, spaces and punctuation that join back to the text', () => {
    const text = 'A red cat,  sitting on a mat.'
    const tokens = tokenizePrompt(text)
    expect(tokens.join('')).toBe(text)
    expect(tokens).toEqual(expect.arrayContaining(['A', 'red', 'cat', ',', 'sitting', '.']))
    expect(tokens.filter((t) => t.trim() === '').length).toBeGreaterThan(0)
    expect(tokens).not.toContain('cat,')
  })

  it('segments Chinese into words, not one token per sentence nor per character', () => {
    const text = '一只橘色的猫'
    const tokens = tokenizePrompt(text)
    expect(tokens.join('')).toBe(text)
    expect(tokens.length).toBeGreaterThan(1)
    expect(tokens.length).toBeLessThan(Array.from(text).length)
    expect(tokens).toContain('橘色')
  })

  it('handles mixed Chinese and English and round-trips', () => {
    const text = '海报上写着「Summer Sale」，一只猫 wearing sunglasses。'
    const tokens = tokenizePrompt(text)
    expect(tokens.join('')).toBe(text)
    expect(tokens).toEqual(expect.arrayContaining(['Summer', 'Sale', '「', '」', 'sunglasses', '。']))
  })

  it('honours an explicit locale and round-trips an empty string', () => {
    expect(tokenizePrompt('a cat', 'en')).toEqual(['a', ' ', 'cat'])
    expect(tokenizePrompt('')).toEqual([])
  })
})

describe('promptLocale and countWords', () => {
  it('picks zh for Han script, else en', () => {
    expect(promptLocale('a cat')).toBe('en')
    expect(promptLocale('a 猫')).toBe('zh')
  })

  it('counts words, not spaces or punctuation', () => {
    expect(countWords('A red cat, sitting.')).toBe(4)
    expect(countWords('一只橘色的猫，')).toBe(4)
  })
})
