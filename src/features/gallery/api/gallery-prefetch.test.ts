// @vitest-environment node
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { broadcast, keepImages, listen } from '../../../lib/image-store.ts'
import { bytesOf, freshDB, makeImage } from '../gallery-fixtures.ts'
import { prefetchGallery, resetPrefetchForTests, takePrefetchedPage, takePrefetchedThumb } from './gallery-prefetch.ts'

afterEach(() => {
  resetPrefetchForTests()
  vi.useRealTimers()
})

describe('prefetchGallery', () => {
  it('reads the first page and its first thumbnails once, for the first queries to take', async () => {
    const db = freshDB()
    const [a, b] = [makeImage({ createdAt: 1 }), makeImage({ createdAt: 2 })]
    await keepImages([a, b], undefined, await db())
    prefetchGallery(db)
    prefetchGallery(db) // a second call does nothing
    const page = await takePrefetchedPage()
    expect(page?.records.map((r) => r.id)).toEqual([b.record.id, a.record.id])
    expect(takePrefetchedPage()).toBeUndefined()
    expect(await bytesOf(await takePrefetchedThumb(a.record.id))).toEqual(await bytesOf(a.thumb))
    expect(takePrefetchedThumb(a.record.id)).toBeUndefined()
  })

  it('is dropped when images change before it is taken', async () => {
    const db = freshDB()
    await keepImages([makeImage()], undefined, await db())
    prefetchGallery(db)
    let heard = false
    const stop = listen(() => (heard = true))
    broadcast({ type: 'images-changed', ids: ['x'] })
    await vi.waitFor(() => expect(heard).toBe(true))
    stop()
    expect(takePrefetchedPage()).toBeUndefined()
  })

  it('is not used when it is too old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    prefetchGallery(freshDB())
    vi.setSystemTime(Date.now() + 10_000)
    expect(takePrefetchedPage()).toBeUndefined()
  })
})
