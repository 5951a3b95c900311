// @vitest-environment node
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { keepImages } from '../../../lib/image-store.ts'
import { bytesOf, freshDB, makeImage, thumbBytesOf } from '../../../testing/gallery-fixtures.ts'
import { readCatalogPage, readFirstScreen } from './catalog-pages.ts'
import { countImages, type DBProvider } from './gallery-repo.ts'

afterEach(() => vi.restoreAllMocks())

async function readAll(db: DBProvider, limit: number) {
  const seen: string[] = []
  let page = await readCatalogPage(db, null, limit)
  seen.push(...page.records.map((r) => r.id))
  while (page.end) {
    page = await readCatalogPage(db, page.end, limit)
    seen.push(...page.records.map((r) => r.id))
  }
  return seen
}

const newestFirst = (images: { record: { createdAt: number; id: string } }[]) =>
  images
    .map((i) => i.record)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id > b.id ? -1 : 1))
    .map((r) => r.id)

describe.each([
  ['getAllRecords', false],
  ['a cursor (no getAllRecords)', true],
])('catalog pages read with %s', (_name, withoutGetAllRecords) => {
  beforeEach(() => {
    const proto = IDBIndex.prototype as unknown as { getAllRecords?: unknown }
    if (withoutGetAllRecords) vi.spyOn(proto, 'getAllRecords', 'get').mockReturnValue(undefined)
    expect(typeof proto.getAllRecords).toBe(withoutGetAllRecords ? 'undefined' : 'function')
  })

  it('reads every record once, newest first, across pages and equal timestamps', async () => {
    const db = freshDB()
    const images = Array.from({ length: 57 }, (_, i) =>
      makeImage({ createdAt: 1000 + Math.floor(i / 4), kind: i % 10 === 0 ? 'input' : 't2i' }),
    )
    await keepImages(images, undefined, await db())
    expect(await readAll(db, 10)).toEqual(newestFirst(images))
    expect(await readAll(db, 4)).toEqual(newestFirst(images))
    expect(await countImages(db)).toEqual({ total: 57, inputs: 6 })
  })

  it('copes with a long run of equal timestamps', async () => {
    const db = freshDB()
    const images = Array.from({ length: 45 }, () => makeImage({ createdAt: 5000 }))
    await keepImages(images, undefined, await db())
    expect(await readAll(db, 10)).toEqual(newestFirst(images))
  })

  describe('readFirstScreen', () => {
    const thumbGets = () => {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
      const get = IDBObjectStore.prototype.get
      const ids: unknown[] = []
      vi.spyOn(IDBObjectStore.prototype, 'get').mockImplementation(function (this: IDBObjectStore, key: IDBValidKey | IDBKeyRange) {
        if (this.name === 'thumbs') ids.push(key)
        return get.call(this, key)
      })
      return ids
    }

    it('gives the first page and its first thumbnails, read with it from the by-created index (no read by id)', async () => {
      const db = freshDB()
      const images = Array.from({ length: 5 }, (_, i) => makeImage({ createdAt: 100 + i }))
      await keepImages(images, undefined, await db())
      const gets = thumbGets()
      const { page, thumbs } = await readFirstScreen(db, 4, 2)
      expect(page.records.map((r) => r.id)).toEqual(newestFirst(images).slice(0, 4))
      expect(page.end).toEqual({ createdAt: 101, id: images[1]!.record.id })
      expect([...thumbs.keys()]).toEqual(newestFirst(images).slice(0, 2))
      expect(await thumbBytesOf(await thumbs.get(images[4]!.record.id))).toEqual(await bytesOf(images[4]!.thumb))
      expect(await thumbBytesOf(await thumbs.get(images[3]!.record.id))).toEqual(await bytesOf(images[3]!.thumb))
      expect(gets).toEqual([])
    })

    it('reads by id the thumbnails it does not find in the index: rows from before DB v4, or none', async () => {
      const db = freshDB()
      const [a, b, c] = [makeImage({ createdAt: 1 }), makeImage({ createdAt: 2 }), makeImage({ createdAt: 3 })]
      await keepImages([a, b, c], undefined, await db())
      const conn = await db()
      await conn.put('thumbs', { id: b.record.id, blob: b.thumb }) // as stored up to v3: not indexed
      await conn.delete('thumbs', a.record.id)
      const gets = thumbGets()
      const { thumbs } = await readFirstScreen(db, 3, 3)
      expect(await thumbBytesOf(await thumbs.get(c.record.id))).toEqual(await bytesOf(c.thumb))
      expect(await thumbBytesOf(await thumbs.get(b.record.id))).toEqual(await bytesOf(b.thumb))
      expect(await thumbs.get(a.record.id)).toBeNull()
      expect(gets).toEqual([b.record.id, a.record.id])
    })
  })
})
