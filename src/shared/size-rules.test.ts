import { describe, expect, it } from 'vitest'
import {
  AREA_512_2048,
  chooseSize,
  FIXED_SIZES,
  NO_SIZE,
  outputSizeOf,
  PER_SIDE_512_2048,
  sizeForRatio,
  sizeProblem,
  snap16,
} from './size-rules.ts'

describe('snap16', () => {
  it('rounds to the nearest multiple of 16, ties down (the vendor’s examples)', () => {
    expect([1033, 1032, 872, 1080, 1440, 1920, 1447, 8].map(snap16)).toEqual([1040, 1024, 864, 1072, 1440, 1920, 1440, 16])
  })
})

describe('sizeProblem', () => {
  it('fixed list: the five sizes, and 1472*1140 (2025 spelling) still accepted', () => {
    for (const size of ['1664*928', '1472*1104', '1104*1472', '1472*1140', '1140*1472', '1328*1328', '928*1664'])
      expect(sizeProblem(FIXED_SIZES, size)).toBeNull()
    expect(sizeProblem(FIXED_SIZES, '1024*1024')).toContain('must be one of 1664*928, 1472*1104, 1328*1328, 1104*1472, 928*1664')
  })
  it('per side: each side 512-2048', () => {
    expect(sizeProblem(PER_SIDE_512_2048, '1033*1032')).toBeNull()
    expect(sizeProblem(PER_SIDE_512_2048, '512*2048')).toBeNull()
    expect(sizeProblem(PER_SIDE_512_2048, '511*1024')).toContain('each side between 512 and 2048')
    expect(sizeProblem(PER_SIDE_512_2048, '2049*1024')).toContain('each side between 512 and 2048')
  })
  it('area: total pixels 512*512..2048*2048, so one side may pass 2048', () => {
    expect(sizeProblem(AREA_512_2048, '2688*1536')).toBeNull()
    expect(sizeProblem(AREA_512_2048, '2048*872')).toBeNull()
    expect(sizeProblem(AREA_512_2048, '2048*2049')).toContain('between 512*512 and 2048*2048 pixels')
    expect(sizeProblem(AREA_512_2048, '256*1023')).toContain('256*1023')
    expect(sizeProblem(AREA_512_2048, '1024x1024')).toContain('"width*height"')
  })
  it('none: qwen-image-edit takes no size', () => {
    expect(sizeProblem(NO_SIZE, '1024*1024')).toContain('not supported')
  })
})

describe('outputSizeOf', () => {
  it('fixed sizes come out as sent, 1140 as 1104; free sizes snapped to 16', () => {
    expect(outputSizeOf(FIXED_SIZES, '1472*1140')).toEqual({ width: 1472, height: 1104 })
    expect(outputSizeOf(FIXED_SIZES, '1664*928')).toEqual({ width: 1664, height: 928 })
    expect(outputSizeOf(PER_SIDE_512_2048, '1033*1032')).toEqual({ width: 1040, height: 1024 })
    expect(outputSizeOf(AREA_512_2048, '2048*872')).toEqual({ width: 2048, height: 864 })
  })
})

describe('chooseSize (what the studio sends for a typed size)', () => {
  it('snaps, and says so', () => {
    expect(chooseSize(AREA_512_2048, 2048, 872)).toMatchObject({ size: '2048*864', adjusted: true })
    expect(chooseSize(AREA_512_2048, 1920, 1080)).toMatchObject({ size: '1920*1072', adjusted: true })
    expect(chooseSize(AREA_512_2048, 1024, 1024)).toMatchObject({ size: '1024*1024', adjusted: false })
    expect(chooseSize(PER_SIDE_512_2048, 1033, 1032)).toMatchObject({ size: '1040*1024' })
  })
  it('keeps the ratio within the limits', () => {
    const big = chooseSize(AREA_512_2048, 4000, 3000)
    expect(big.width * big.height).toBeLessThanOrEqual(2048 * 2048)
    expect(big.width / big.height).toBeCloseTo(4 / 3, 1)
    const small = chooseSize(AREA_512_2048, 300, 200)
    expect(small.width * small.height).toBeGreaterThanOrEqual(512 * 512)
    const side = chooseSize(PER_SIDE_512_2048, 4096, 1024)
    expect(side).toMatchObject({ width: 2048, height: 512 })
    for (const c of [big, small, side]) expect([c.width % 16, c.height % 16]).toEqual([0, 0])
  })
  it('fixed list: the closest ratio', () => {
    expect(chooseSize(FIXED_SIZES, 1920, 1080).size).toBe('1664*928')
    expect(chooseSize(FIXED_SIZES, 1080, 1440).size).toBe('1104*1472')
  })
  it('sizeForRatio: about a megapixel with a ratio', () => {
    expect(sizeForRatio(AREA_512_2048, 3, 2).size).toBe('1248*832')
    expect(sizeForRatio(PER_SIDE_512_2048, 600, 800).size).toBe('880*1184')
  })
})
