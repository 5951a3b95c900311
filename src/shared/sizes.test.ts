import { describe, expect, it } from 'vitest'
import { currentFixedSize, DEFAULT_T2I_SIZE, editOutputSize, otherFourThree, parseSize, SIZE_4_3, sizeInfo, T2I_SIZES } from './sizes.ts'

describe('text-to-image sizes', () => {
  it('lists the five documented sizes with their ratios; 4:3 is 1472*1104 (2026 pages)', () => {
    expect(T2I_SIZES.map((s) => `${s.ratio}=${s.width}x${s.height}`)).toEqual([
      '16:9=1664x928',
      '4:3=1472x1104',
      '1:1=1328x1328',
      '3:4=1104x1472',
      '9:16=928x1664',
    ])
    expect(SIZE_4_3).toBe('1472*1104')
    expect(DEFAULT_T2I_SIZE).toBe('1664*928')
  })
  it('keeps the 2025 spelling 1472*1140 readable, and sends 1104 for it', () => {
    expect(sizeInfo('1472*1140')?.ratio).toBe('4:3')
    expect(sizeInfo('1140*1472')?.ratio).toBe('3:4')
    expect(currentFixedSize('1472*1140')).toBe('1472*1104')
    expect(currentFixedSize('1664*928')).toBe('1664*928')
    expect(otherFourThree('1472*1104')).toBe('1472*1140')
    expect(otherFourThree('1140*1472')).toBe('1104*1472')
    expect(otherFourThree('1328*1328')).toBeUndefined()
  })
  it('parses "W*H" and looks sizes up', () => {
    expect(parseSize('1664*928')).toEqual({ width: 1664, height: 928 })
    expect(parseSize('1664x928')).toBeUndefined()
    expect(sizeInfo('928*1664')?.ratio).toBe('9:16')
    expect(sizeInfo('1024*1024')).toBeUndefined()
  })
})

describe('editOutputSize', () => {
  it('matches the reference examples (about 1024x1024 pixels, the input’s aspect)', () => {
    expect(editOutputSize(1500, 1000)).toEqual({ width: 1248, height: 832 })
    expect(editOutputSize(1000, 1500)).toEqual({ width: 832, height: 1248 })
    expect(editOutputSize(2000, 2000)).toEqual({ width: 1024, height: 1024 })
  })
  it('keeps sides multiples of 16 and total pixels near a megapixel', () => {
    for (const [w, h] of [
      [4000, 3000],
      [384, 3072],
      [1920, 1080],
      [500, 499],
    ] as const) {
      const out = editOutputSize(w, h)
      expect(out.width % 16).toBe(0)
      expect(out.height % 16).toBe(0)
      expect(Math.abs((out.width * out.height) / (1024 * 1024) - 1)).toBeLessThan(0.08)
      expect(Math.abs(out.width / out.height - w / h) / (w / h)).toBeLessThan(0.05)
    }
  })
})
