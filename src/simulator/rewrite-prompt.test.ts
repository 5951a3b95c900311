// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { quotedTexts } from '../shared/text.ts'
import { isChinesePrompt, rewritePrompt } from './rewrite-prompt.ts'

const PUPPIES =
  'Healing-style hand-drawn poster featuring three puppies playing with a ball on lush green grass, adorned with decorative elements such as birds and stars. The main title “Come Play Ball!” is prominently displayed at the top in bold, blue cartoon font. Below it, the subtitle “Come [Show Off Your Skills]!” appears in green font. A speech bubble adds playful charm with the text: “Hehe, watch me amaze my little friends next!” At the bottom, supplementary text reads: “We get to play ball with our friends again!” The color palette centers on fresh greens and blues, accented with bright pink and yellow tones to highlight a cheerful, childlike atmosphere.'

const words = (s: string) => s.split(/\s+/)

describe('rewritePrompt', () => {
  it('rewrites the reference prompt: different, longer, every quoted text byte-identical', () => {
    const out = rewritePrompt(PUPPIES)
    expect(out).not.toBe(PUPPIES)
    expect(out.length).toBeGreaterThan(PUPPIES.length)
    expect(quotedTexts(out)).toEqual(quotedTexts(PUPPIES))
    expect(quotedTexts(out)).toHaveLength(4)
    for (const q of quotedTexts(PUPPIES)) expect(out).toContain(`“${q}”`)
  })

  it('changes at least one word of the original (a diff shows an insertion and a replacement)', () => {
    const prompt = 'A sitting orange cat with a happy expression, lively and cute, realistic and accurate'
    const out = rewritePrompt(prompt)
    expect(out).toMatch(/perched orange cat/)
    expect(out).toMatch(/joyful expression/)
    expect(out).toMatch(/adorable/)
    const kept = new Set(words(out))
    expect(words(prompt).some((w) => !kept.has(w))).toBe(true)
    expect(words(out).length).toBeGreaterThan(words(prompt).length)
  })

  it('changes a word even when no synonym applies (the opening article is lowercased after the lead-in)', () => {
    const out = rewritePrompt('A robot repairs a bicycle')
    expect(out).toContain(': a robot repairs a bicycle.')
    expect(out).not.toContain('A robot')
  })

  it('is deterministic', () => {
    expect(rewritePrompt(PUPPIES)).toBe(rewritePrompt(PUPPIES))
  })

  it('never touches words inside quotes, for every quote style', () => {
    const prompt = `A cute sign saying "cute big dog", a banner 「可爱 happy」, 『漂亮』, ‘little red’, «nice photo» and “bright blue”`
    const out = rewritePrompt(prompt)
    expect(quotedTexts(out)).toEqual(quotedTexts(prompt))
    expect(out).toContain('adorable sign')
  })

  it('adds no quotation marks, so an unbalanced quote stays unmatched', () => {
    const prompt = 'A poster that says "Hello and a cute cat'
    const out = rewritePrompt(prompt)
    expect(quotedTexts(out)).toEqual([])
    expect(out.split('"')).toHaveLength(2)
  })

  it('rewrites a Chinese prompt in Chinese, keeping quoted texts', () => {
    const prompt = '一只可爱的小狗在草地上玩球，海报标题写着“一起来玩球吧！”，副标题「快来展示你的技能」'
    const out = rewritePrompt(prompt)
    expect(isChinesePrompt(prompt)).toBe(true)
    expect(out).not.toBe(prompt)
    expect(out).toContain('萌趣可爱')
    expect(out).toContain('嫩绿的草地')
    expect(quotedTexts(out)).toEqual(['一起来玩球吧！', '快来展示你的技能'])
    // Chinese additions only: no Latin letters appear.
    expect(out).not.toMatch(/[A-Za-z]/)
    expect(out.endsWith('。')).toBe(true)
  })

  it('treats mostly-English prompts with a Chinese quote as English', () => {
    const prompt = 'A red lantern with the characters “福到了” hanging over a busy street market at night'
    expect(isChinesePrompt(prompt)).toBe(false)
    const out = rewritePrompt(prompt)
    expect(out).toContain('crimson lantern')
    expect(quotedTexts(out)).toEqual(['福到了'])
  })
})
