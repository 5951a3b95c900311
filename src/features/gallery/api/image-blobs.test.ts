// @vitest-environment node
import 'fake-indexeddb/auto'
import { InfiniteQueryObserver, QueryClient, QueryObserver } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import { studioDB } from '../../../lib/db.ts'
import { keepImages } from '../../../lib/image-store.ts'
import { bytesOf, deleteStudioDB, freshDB, makeImage } from '../../../testing/gallery-fixtures.ts'
import { catalogQuery } from './catalog-query.ts'
import { prefetchGallery } from './gallery-prefetch.ts'
import { thumbQuery } from './image-blobs.ts'

const urlBytes = (url: string | null | undefined) => [...Buffer.from(url?.split(',')[1] ?? '', 'base64')]

afterEach(deleteStudioDB)

describe('thumbQuery', () => {
  it('gives a data: URL of the stored bytes, whichever shape they are stored in; null when none is', async () => {
    const db = freshDB()
    const [a, b] = [makeImage(), makeImage({}, 200)]
    await keepImages([a, b], undefined, await db())
    await (await db()).put('thumbs', { id: b.record.id, blob: b.thumb }) // as stored before DB v4
    const qc = new QueryClient()
    for (const img of [a, b]) {
      const url = await qc.fetchQuery(thumbQuery(img.record.id, db))
      expect(url).toMatch(/^data:image\/webp;base64,/)
      expect(urlBytes(url)).toEqual(await bytesOf(img.thumb))
    }
    expect(await qc.fetchQuery(thumbQuery('missing', db))).toBeNull()
  })

  it('has what was read at start-up from its first render on (initialData): no fetch, no second render', async () => {
    const a = makeImage()
    await keepImages([a], undefined, await studioDB())
    await prefetchGallery()
    const qc = new QueryClient()
    const thumb = new QueryObserver(qc, thumbQuery(a.record.id)).getCurrentResult()
    expect(thumb.status).toBe('success')
    expect(urlBytes(thumb.data)).toEqual(await bytesOf(a.thumb))
    const catalog = new InfiniteQueryObserver(qc, catalogQuery()).getCurrentResult()
    expect(catalog.status).toBe('success')
    expect(catalog.data?.pages[0]?.records.map((r) => r.id)).toEqual([a.record.id])
  })
})
