import { describe, expect, it } from 'vitest'
import { makeRecord } from '../../testing/gallery-fixtures.ts'
import { DEFAULT_FILTERS, facets, filterRecords, type GalleryFilters } from './gallery-filters.ts'

const records = [
  makeRecord({ prompt: 'A neon poster titled "Summer Sale"', model: 'qwen-image-plus', size: '1664*928', favorite: true }),
  makeRecord({ prompt: '一张海报，标题是“夏日促销”', actualPrompt: 'A cinematic poster, rainy street', model: 'qwen-image' }),
  makeRecord({ prompt: 'Make the sky purple', kind: 'edit', model: 'qwen-image-edit-plus', size: '1024*1024' }),
  makeRecord({ prompt: 'An uploaded photo of a cat', kind: 'input', model: 'qwen-image-edit-plus', size: '1200*800' }),
  makeRecord({ prompt: 'ＦＵＬＬ　ＷＩＤＴＨ letters', model: 'qwen-image' }),
].reverse() // newest first, as the catalog holds them

const ids = (f: Partial<GalleryFilters>) => filterRecords(records, { ...DEFAULT_FILTERS, ...f }).map((r) => r.prompt)

describe('gallery search', () => {
  it('matches prompt words case-insensitively, every term required', () => {
    expect(ids({ search: 'summer' })).toEqual(['A neon poster titled "Summer Sale"'])
    expect(ids({ search: 'SALE neon' })).toEqual(['A neon poster titled "Summer Sale"'])
    expect(ids({ search: 'sale cat' })).toEqual([])
  })

  it('matches seed, model and size as well', () => {
    expect(ids({ search: '1664x928' })).toEqual(['A neon poster titled "Summer Sale"'])
    expect(ids({ search: '1664*928 neon' })).toEqual(['A neon poster titled "Summer Sale"'])
    expect(ids({ search: 'qwen-image-edit-plus' })).toEqual(['Make the sky purple'])
    const seeded = makeRecord({ prompt: 'Seeded', seed: 424242 })
    expect(filterRecords([...records, seeded], { ...DEFAULT_FILTERS, search: '424242' }).map((r) => r.prompt)).toEqual(['Seeded'])
  })

  it('finds Chinese text and searches the rewritten prompt too', () => {
    expect(ids({ search: '夏日' })).toEqual(['一张海报，标题是“夏日促销”'])
    expect(ids({ search: 'rainy STREET' })).toEqual(['一张海报，标题是“夏日促销”'])
  })

  it('ignores the width of full-width letters', () => {
    expect(ids({ search: 'full width' })).toEqual(['ＦＵＬＬ　ＷＩＤＴＨ letters'])
    expect(ids({ search: 'ｓｕｍｍｅｒ' })).toHaveLength(1)
  })
})

describe('gallery filters and sort', () => {
  it('hides edit inputs by default and shows them on request', () => {
    expect(ids({})).toHaveLength(4)
    expect(ids({ kind: 'input' })).toEqual(['An uploaded photo of a cat'])
    expect(ids({ kind: 'all' })).toHaveLength(5)
    expect(ids({ kind: 'edit' })).toEqual(['Make the sky purple'])
  })

  it('filters by favorites, model and size', () => {
    expect(ids({ favoritesOnly: true })).toEqual(['A neon poster titled "Summer Sale"'])
    expect(ids({ model: 'qwen-image' })).toEqual(['ＦＵＬＬ　ＷＩＤＴＨ letters', '一张海报，标题是“夏日促销”'])
    expect(ids({ size: '1664*928' })).toEqual(['A neon poster titled "Summer Sale"'])
  })

  it('sorts newest or oldest first', () => {
    expect(ids({ model: 'qwen-image', sort: 'oldest' })).toEqual(['一张海报，标题是“夏日促销”', 'ＦＵＬＬ　ＷＩＤＴＨ letters'])
  })

  it('lists the models and sizes present', () => {
    expect(facets(records)).toEqual({
      models: ['qwen-image', 'qwen-image-edit-plus', 'qwen-image-plus'],
      sizes: ['1024*1024', '1200*800', '1328*1328', '1664*928'],
    })
  })
})
