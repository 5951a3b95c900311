// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { CJK_FONT, ellipsize, escapeXml, fitText, fontFamilyFor, hasCjk, LATIN_FONT, textWidthEm, wrapText } from './svg-text.ts'

describe('svg text helpers', () => {
  it('escapes XML and drops characters XML forbids', () => {
    expect(escapeXml(`<b>"Tom" & 'Jerry'</b>\u0001\u0007ok`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;ok')
    expect(escapeXml('tab\tnewline\n')).toBe('tab\tnewline\n')
  })

  it('picks the CJK font for lines with Chinese and DejaVu otherwise', () => {
    expect(hasCjk('一起玩球')).toBe(true)
    expect(hasCjk('Come Play Ball!')).toBe(false)
    expect(fontFamilyFor('一起 play').startsWith(`'${CJK_FONT}'`)).toBe(true)
    expect(fontFamilyFor('play').startsWith(`'${LATIN_FONT}'`)).toBe(true)
  })

  it('estimates CJK characters as one em and Latin narrower', () => {
    expect(textWidthEm('一起玩球')).toBe(4)
    expect(textWidthEm('iiii')).toBeLessThan(textWidthEm('MMMM'))
  })

  it('wraps on spaces for Latin and between any CJK characters', () => {
    expect(wrapText('one two three four', 6)).toEqual(['one two', 'three', 'four'])
    const zh = wrapText('一二三四五六七八九十', 4)
    expect(zh).toEqual(['一二三四', '五六七八', '九十'])
  })

  it('fits text in its box: every line narrower than the width at the chosen size', () => {
    for (const text of ['Hehe, watch me amaze my little friends next!', '快来展示你的技能，一起来玩球吧！', 'W'.repeat(40)]) {
      const fit = fitText(text, { width: 600, height: 200, maxFont: 90, maxLines: 3 })
      expect(fit.lines.length).toBeLessThanOrEqual(3)
      expect(fit.fontSize).toBeGreaterThan(0)
      expect(fit.fontSize).toBeLessThanOrEqual(90)
      for (const line of fit.lines) expect(textWidthEm(line) * fit.fontSize).toBeLessThanOrEqual(600.5)
      expect(fit.lines.length * fit.fontSize * 1.2).toBeLessThanOrEqual(200.5)
      expect(fit.lines.join(' ').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''))
    }
  })

  it('ellipsizes long captions', () => {
    expect(ellipsize('short', 20)).toBe('short')
    const cut = ellipsize('a long caption that will not fit in the space', 10)
    expect(cut.endsWith('…')).toBe(true)
    expect(textWidthEm(cut)).toBeLessThanOrEqual(10)
  })
})
