// @vitest-environment node
/** The gallery with the 2026 models: custom sizes, both-kind models and the 1140 spelling of 4:3. */
import { describe, expect, it } from 'vitest'
import { formatA1111, parseA1111 } from './files/a1111-parameters.ts'
import { paramsFromRecord } from './files/studio-params.ts'
import { facets, filterRecords, DEFAULT_FILTERS } from './gallery-filters.ts'
import { makeRecord } from '../../testing/gallery-fixtures.ts'
import { formatSize } from './format.ts'

const wide = makeRecord({ id: 'w', model: 'qwen-image-2.0-pro', size: '2048*864', width: 2048, height: 864 })
const old = makeRecord({ id: 'o', model: 'qwen-image-plus', size: '1472*1140', width: 1472, height: 1140 })
const edit = makeRecord({ id: 'e', kind: 'edit', model: 'qwen-image-edit-max', size: '1040*1024', width: 1040, height: 1024 })

describe('gallery records of the 2026 models', () => {
  it('filters by the new models and custom sizes', () => {
    const records = [wide, old, edit]
    expect(facets(records)).toEqual({
      models: ['qwen-image-2.0-pro', 'qwen-image-edit-max', 'qwen-image-plus'],
      sizes: ['1040*1024', '1472*1140', '2048*864'],
    })
    expect(filterRecords(records, { ...DEFAULT_FILTERS, model: 'qwen-image-edit-max' }).map((r) => r.id)).toEqual(['e'])
    expect(filterRecords(records, { ...DEFAULT_FILTERS, size: '2048*864' }).map((r) => r.id)).toEqual(['w'])
  })
  it('shows custom sizes as pixels and the 2025 4:3 spelling with its ratio', () => {
    expect(formatSize(wide.size, wide.width, wide.height)).toBe('2048×864')
    expect(formatSize(old.size, old.width, old.height)).toBe('4:3 · 1472×1140')
    expect(formatSize('1472*1104')).toBe('4:3 · 1472×1104')
  })
  it('carries model and custom size in the download metadata and back', () => {
    const params = paramsFromRecord(wide)
    expect(params).toMatchObject({ model: 'qwen-image-2.0-pro', size: '2048*864' })
    expect(parseA1111(formatA1111(params))).toMatchObject({ model: 'qwen-image-2.0-pro', size: '2048*864', width: 2048, height: 864 })
  })
})
