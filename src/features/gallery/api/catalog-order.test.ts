import { describe, expect, it } from 'vitest'
import type { ImageRecord } from '../../../lib/records.ts'
import { makeRecord } from '../../../testing/gallery-fixtures.ts'
import { catalogRecords, patchCatalog, type CatalogData } from './catalog-order.ts'

const at = (createdAt: number, id: string) => makeRecord({ createdAt, id })
const cursor = (r: ImageRecord) => ({ createdAt: r.createdAt, id: r.id })

function twoPages(): CatalogData {
  const first = [at(50, 'e'), at(40, 'd')]
  const second = [at(30, 'c'), at(20, 'b')]
  return {
    pages: [
      { records: first, damaged: 0, end: cursor(first[1]!) },
      { records: second, damaged: 0, end: cursor(second[1]!) },
    ],
    pageParams: [null, cursor(first[1]!)],
  }
}

const ids = (d: CatalogData) => catalogRecords(d).map((r) => r.id)

describe('patchCatalog', () => {
  it('puts a new image first, and one in the middle where it belongs', () => {
    const data = patchCatalog(
      twoPages(),
      new Map([
        ['n', at(60, 'n')],
        ['m', at(35, 'm')],
      ]),
    )
    expect(ids(data)).toEqual(['n', 'e', 'd', 'm', 'c', 'b'])
    expect(data.pages[0]!.records.map((r) => r.id)).toEqual(['n', 'e', 'd'])
  })

  it('leaves a record older than every page read for the page that will hold it', () => {
    expect(ids(patchCatalog(twoPages(), new Map([['a', at(10, 'a')]])))).toEqual(['e', 'd', 'c', 'b'])
    const complete = twoPages()
    complete.pages[1]!.end = null
    expect(ids(patchCatalog(complete, new Map([['a', at(10, 'a')]])))).toEqual(['e', 'd', 'c', 'b', 'a'])
  })

  it('replaces an updated record in place and removes a deleted one', () => {
    const fav = { ...at(40, 'd'), favorite: true }
    const data = patchCatalog(
      twoPages(),
      new Map<string, ImageRecord | null>([
        ['d', fav],
        ['c', null],
      ]),
    )
    expect(ids(data)).toEqual(['e', 'd', 'b'])
    expect(catalogRecords(data)[1]!.favorite).toBe(true)
  })
})
