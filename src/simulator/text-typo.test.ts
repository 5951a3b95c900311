import { describe, expect, it } from 'vitest'
import { normaliseText } from '../shared/text-check.ts'
import { createPrng } from './prng.ts'
import { plantTypo, withTypo } from './text-typo.ts'

/** Levenshtein with adjacent swaps counted as one (what a reader sees as one typo). */
function typoEdits(a: string, b: string): number {
  const x = Array.from(a)
  const y = Array.from(b)
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= x.length; i++)
    for (let j = 1; j <= y.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1)
    }
  return d[x.length]![y.length]!
}

describe('withTypo', () => {
  it('changes, drops or swaps exactly one character, so the normalised text differs', () => {
    for (const text of ['Grand Opening', 'SALE 50%', '新品上市', '欢迎 Welcome']) {
      for (const kind of ['change', 'drop', 'swap'] as const) {
        for (let seed = 0; seed < 20; seed++) {
          const out = withTypo(text, kind, createPrng(seed))!
          expect(typoEdits(text, out), `${kind} ${text} → ${out}`).toBe(1)
          expect(normaliseText(out)).not.toBe(normaliseText(text))
        }
      }
    }
  })
  it('keeps the case of a changed letter and avoids look-alikes', () => {
    for (let seed = 0; seed < 50; seed++) {
      const out = withTypo('OOOO', 'change', createPrng(seed))!
      expect(out).toMatch(/^[A-Z]{4}$/)
      expect(out).not.toMatch(/[0IL1]/)
    }
  })
  it('has no room in a one-letter string', () => {
    expect(withTypo('A', 'change', createPrng(1))).toBeNull()
  })
})

describe('plantTypo', () => {
  it('picks one string and is deterministic for the seed', () => {
    const quotes = ['Sale', 'Open Now', 'X']
    const a = plantTypo(quotes, 42)!
    expect(a).toEqual(plantTypo(quotes, 42))
    expect(a.index).not.toBe(2)
    expect(a.drawn).not.toBe(quotes[a.index])
    const kinds = new Set(Array.from({ length: 30 }, (_, s) => plantTypo(quotes, s)!.kind))
    expect(kinds.size).toBe(3)
    expect(plantTypo(['X'], 1)).toBeNull()
  })
})
