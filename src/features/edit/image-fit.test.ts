import { describe, expect, it } from 'vitest'
import { fitsBytes, sizeFix } from './image-fit.ts'

describe('sizeFix', () => {
  it('leaves images within 384-3072 alone', () => {
    expect(sizeFix({ width: 384, height: 3072 })).toEqual({ kind: 'none' })
    expect(sizeFix({ width: 1024, height: 768 })).toEqual({ kind: 'none' })
  })
  it('downscales above 3072 keeping the aspect ratio', () => {
    expect(sizeFix({ width: 4000, height: 3000 })).toEqual({ kind: 'downscale', to: { width: 3072, height: 2304 } })
    expect(sizeFix({ width: 3000, height: 6000 })).toEqual({ kind: 'downscale', to: { width: 1536, height: 3072 } })
  })
  it('upscales below 384 keeping the aspect ratio', () => {
    expect(sizeFix({ width: 200, height: 100 })).toEqual({ kind: 'upscale', to: { width: 768, height: 384 } })
    expect(sizeFix({ width: 300, height: 300 })).toEqual({ kind: 'upscale', to: { width: 384, height: 384 } })
  })
  it('says when no resize can keep the ratio', () => {
    expect(sizeFix({ width: 5000, height: 100 }).kind).toBe('impossible')
    expect(sizeFix({ width: 3072, height: 384 }).kind).toBe('none')
  })
  it('results always land within the limits', () => {
    for (const [w, h] of [
      [10000, 5000],
      [385, 100],
      [100, 385],
      [3073, 3073],
      [383, 383],
    ] as const) {
      const fix = sizeFix({ width: w, height: h })
      if (fix.kind === 'downscale' || fix.kind === 'upscale') {
        for (const v of [fix.to.width, fix.to.height]) {
          expect(v).toBeGreaterThanOrEqual(384)
          expect(v).toBeLessThanOrEqual(3072)
        }
        expect(Math.abs(fix.to.width / fix.to.height - w / h) / (w / h)).toBeLessThan(0.01)
      }
    }
  })
  it('10 MB byte limit', () => {
    expect(fitsBytes(10 * 1024 * 1024)).toBe(true)
    expect(fitsBytes(10 * 1024 * 1024 + 1)).toBe(false)
  })
})
