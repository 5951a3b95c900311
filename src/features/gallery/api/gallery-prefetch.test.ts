// @vitest-environment node
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { keepImages } from '../../../lib/image-store.ts'
import { broadcast, listen } from '../../../lib/studio-bus.ts'
import { bytesOf, freshDB, makeImage } from '../../../testing/gallery-fixtures.ts'
import {
  prefetchGallery,
  resetPrefetchForTests,
  takePrefetchedPage,
  takePrefetchedThumb,
  takeReadyPage,
  takeReadyThumb,
} from './gallery-prefetch.ts'

afterEach(() => {
  resetPrefetchForTests()
  vi.useRealTimers()
})

/** The bytes of a data: URL. */
const urlBytes = (url: string | null | undefined) => [...Buffer.from(url?.split(',')[1] ?? '', 'base64')]

describe('prefetchGallery', () => {
  it('reads the first page and its first thumbnails (as data: URLs) once, for the first queries to take', async () => {
    const db = freshDB()
    const [a, b] = [makeImage({ createdAt: 1 }), makeImage({ createdAt: 2 })]
    await keepImages([a, b], undefined, await db())
    const started = prefetchGallery(db)
    expect(prefetchGallery(db)).toBe(started) // a second call starts nothing
    const page = await takePrefetchedPage()
    expect(page?.records.map((r) => r.id)).toEqual([b.record.id, a.record.id])
    expect(takePrefetchedPage()).toBeUndefined()
    const url = await takePrefetchedThumb(a.record.id)
    expect(url).toMatch(/^data:image\/webp;base64,/)
    expect(urlBytes(url)).toEqual(await bytesOf(a.thumb))
    expect(takePrefetchedThumb(a.record.id)).toBeUndefined()
  })

  it('resolves once everything is read; from then on gives it synchronously (for initialData), once', async () => {
    const db = freshDB()
    const a = makeImage()
    await keepImages([a], undefined, await db())
    const started = prefetchGallery(db)
    expect(takeReadyPage()).toBeUndefined() // not read yet: left for the query's queryFn
    expect(takeReadyThumb(a.record.id)).toBeUndefined()
    await started
    expect(takeReadyPage()?.records.map((r) => r.id)).toEqual([a.record.id])
    expect(takeReadyPage()).toBeUndefined()
    expect(takePrefetchedPage()).toBeUndefined() // taken
    expect(urlBytes(takeReadyThumb(a.record.id))).toEqual(await bytesOf(a.thumb))
    expect(takeReadyThumb(a.record.id)).toBeUndefined()
  })

  it('does not keep the studio waiting when the database does not answer', async () => {
    vi.useFakeTimers()
    const stuck = () => new Promise<never>(() => {}) // e.g. an upgrade blocked by another tab
    const started = prefetchGallery(stuck, 1000)
    let done = false
    void started.then(() => (done = true))
    await vi.advanceTimersByTimeAsync(999)
    expect(done).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(done).toBe(true)
    expect(takeReadyPage()).toBeUndefined()
  })

  it('is dropped when images change before it is taken', async () => {
    const db = freshDB()
    await keepImages([makeImage()], undefined, await db())
    void prefetchGallery(db)
    let heard = false
    const stop = listen(() => (heard = true))
    broadcast({ type: 'images-changed', ids: ['x'] })
    await vi.waitFor(() => expect(heard).toBe(true))
    stop()
    expect(takePrefetchedPage()).toBeUndefined()
  })

  it('is not used when it is too old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const db = freshDB()
    await keepImages([makeImage()], undefined, await db())
    await prefetchGallery(db)
    vi.setSystemTime(Date.now() + 10_000)
    expect(takeReadyPage()).toBeUndefined()
    expect(takePrefetchedPage()).toBeUndefined()
  })
})
