import { describe, expect, it } from 'vitest'
import {
  bestWindow,
  betterMatch,
  charDiff,
  checkTexts,
  matchText,
  normaliseText,
  OCR_PASSES,
  ocrLangsFor,
  passNeeded,
} from './text-check.ts'

describe('normaliseText', () => {
  it('forgives full-width forms, case, spacing and punctuation', () => {
    expect(normaliseText('ＳＡＬＥ　５０％！')).toBe('sale50')
    expect(normaliseText('Summer  Sale, Today')).toBe('summersaletoday')
    expect(normaliseText('欢迎 光临！')).toBe('欢迎光临')
  })
})

describe('bestWindow', () => {
  it('finds the stretch of the text closest to the pattern', () => {
    const text = Array.from('xxgrandopeningyy')
    expect(bestWindow(Array.from('grandopening'), text)).toEqual({ start: 2, end: 14, distance: 0 })
    const typo = bestWindow(Array.from('grandopening'), Array.from('zzgrandopeninqzz'))
    expect(typo.distance).toBe(1)
  })
})

describe('charDiff', () => {
  it('shows a changed character as expected vs read', () => {
    expect(charDiff(Array.from('sale'), Array.from('sole'))).toEqual([
      { op: 'same', text: 's' },
      { op: 'missing', text: 'a' },
      { op: 'extra', text: 'o' },
      { op: 'same', text: 'le' },
    ])
    expect(charDiff(Array.from('open'), Array.from('opn'))).toEqual([
      { op: 'same', text: 'op' },
      { op: 'missing', text: 'e' },
      { op: 'same', text: 'n' },
    ])
  })
})

describe('matchText', () => {
  it('is exact when the string is there, whatever the case, width or line breaks', () => {
    const m = matchText('Grand Opening Today', 'WELCOME\nGRAND OPENING\nTODAY\nqwen-image seed 4')
    expect(m.verdict).toBe('exact')
    expect(matchText('欢迎光临', '某某 欢迎\n光临 abc').verdict).toBe('exact')
  })
  it('is close for a changed, dropped or swapped character, with the diff', () => {
    const changed = matchText('Summer Sale', 'SUMMER SOLE 50%')
    expect(changed.verdict).toBe('close')
    expect(changed.read).toBe('summersole')
    expect(changed.diff).toContainEqual({ op: 'missing', text: 'a' })
    expect(changed.diff).toContainEqual({ op: 'extra', text: 'o' })
    expect(matchText('Summer Sale', 'Sumer Sale').verdict).toBe('close')
    expect(matchText('Summer Sale', 'Summer Slae').verdict).toBe('close')
    const cjk = matchText('新品上市', '新品上巿')
    expect(cjk.verdict).toBe('close')
    expect(cjk.distance).toBe(1)
  })
  it('is missing when nothing resembles the string', () => {
    const m = matchText('Grand Opening', 'a blue poster with shapes')
    expect(m.verdict).toBe('missing')
    expect(m.read).toBe('')
    expect(matchText('Sale', '').verdict).toBe('missing')
  })
})

describe('checkTexts', () => {
  it('scores the share of characters read right', () => {
    const r = checkTexts(['Sale', 'Open Now'], 'SALE\nOPEN NOW')
    expect(r.accuracy).toBe(1)
    const typo = checkTexts(['Sale', 'Open Now'], 'SALE\nOPEN MOW')
    expect(typo.accuracy).toBeCloseTo(1 - 1 / 11)
    expect(typo.matches.map((m) => m.verdict)).toEqual(['exact', 'close'])
  })
})

describe('ocrLangsFor', () => {
  it('adds Simplified Chinese only when a string has a hanzi (English first: tesseract reads both that way)', () => {
    expect(ocrLangsFor(['Sale', 'Open'])).toEqual(['eng'])
    expect(ocrLangsFor(['Sale', '新品'])).toEqual(['eng', 'chi_sim'])
  })
})

describe('betterMatch', () => {
  it('keeps the reading with fewer edits, and a found string over a missing one', () => {
    const missing = matchText('Summer Sale', '')
    const close = matchText('Summer Sale', 'Sumer Sale')
    const exact = matchText('Summer Sale', 'SUMMER SALE')
    expect(betterMatch(missing, close)).toBe(close)
    expect(betterMatch(close, missing)).toBe(close)
    expect(betterMatch(close, exact)).toBe(exact)
    expect(betterMatch(exact, close)).toBe(exact)
  })
})

describe('passNeeded', () => {
  const found = matchText('Summer Sale', 'Summer Sale')
  const typo = matchText('Summer Sale', 'Sumer Sale')
  const missing = matchText('Summer Sale', 'nothing like it')
  it('runs a grey pass while a string is not read exactly, an ink pass only while one is not found', () => {
    const grey = OCR_PASSES.find((p) => p.prepare === 'grey')!
    const ink = OCR_PASSES.find((p) => p.prepare === 'ink')!
    expect(passNeeded(grey, [found])).toBe(false)
    expect(passNeeded(grey, [found, typo])).toBe(true)
    expect(passNeeded(ink, [found, typo])).toBe(false)
    expect(passNeeded(ink, [found, missing])).toBe(true)
  })
})
