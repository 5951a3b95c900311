import { describe, expect, it } from 'vitest'
import { checkSeed, randomSeed, sweepSeed } from './seed.ts'

describe('seed rules', () => {
  it('accepts whole numbers from 0 to 2147483647', () => {
    expect(checkSeed('0')).toEqual({ ok: true, value: 0 })
    expect(checkSeed(' 2147483647 ')).toEqual({ ok: true, value: 2147483647 })
  })
  it('refuses anything else with a specific message', () => {
    expect(checkSeed('2147483648')).toMatchObject({ ok: false, error: expect.stringContaining('at most 2147483647') as string })
    for (const bad of ['-1', '1.5', '1e3', 'abc', '0x10'])
      expect(checkSeed(bad)).toMatchObject({ ok: false, error: expect.stringContaining('whole number') as string })
    expect(checkSeed('')).toMatchObject({ ok: false, error: expect.stringContaining('unlock') as string })
  })
  it('random seeds stay in range and vary', () => {
    const seeds = Array.from({ length: 200 }, randomSeed)
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s <= 2147483647)).toBe(true)
    expect(new Set(seeds).size).toBeGreaterThan(190)
  })
  it('sweeps upward and wraps at the top of the range', () => {
    expect([0, 1, 2].map((i) => sweepSeed(41, i))).toEqual([41, 42, 43])
    expect([0, 1, 2].map((i) => sweepSeed(2147483646, i))).toEqual([2147483646, 2147483647, 0])
  })
})
