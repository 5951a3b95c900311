// @vitest-environment node
import 'fake-indexeddb/auto'
import { openDB } from 'idb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DB_VERSION, LEGACY_THUMBS, openStudioDB, UPGRADES, type StudioDB } from '../../../lib/db.ts'
import { keepImages, QUOTA_EXCEEDED } from '../../../lib/image-store.ts'
import { listen, type StudioEvent } from '../../../lib/studio-bus.ts'
import type { JobRecord, StoredThumb } from '../../../lib/records.ts'
import { StudioError } from '../../../shared/studio-error.ts'
import { bytesOf, freshDB, makeImage, makeRecord, thumbBytesOf } from '../../../testing/gallery-fixtures.ts'
import { readCatalogPage } from './catalog-pages.ts'
import { deleteImages, readRecords, restoreImages, setFavorite, type DBProvider } from './gallery-repo.ts'

const job = (id: string): JobRecord => ({
  id,
  kind: 't2i',
  createdAt: 1,
  updatedAt: 1,
  status: 'succeeded',
  request: { model: 'qwen-image-plus', input: { prompt: 'p' } },
  region: 'singapore',
  attempts: 0,
  imageIds: [],
  inputIds: [],
})

async function storeSizes(db: DBProvider) {
  const conn = await db()
  const [images, imageBytes, thumbs, jobs] = await Promise.all([
    conn.count('images'),
    conn.count('imageBytes'),
    conn.count('thumbs'),
    conn.count('jobs'),
  ])
  return { images, imageBytes, thumbs, jobs }
}

afterEach(() => vi.restoreAllMocks())

/** How a thumbnail row is stored: inline (DB v4 on, with its type) or as a Blob (before v4). */
const shapeOf = (row: StoredThumb | undefined) => row && ('blob' in row ? 'blob' : `inline ${row.type}`)

describe('database upgrades', () => {
  it('takes a version 1 database to the current version with its data intact', async () => {
    const name = `upgrade-${Date.now()}`
    const v1 = await openDB<StudioDB>(name, 1, { upgrade: (db, _o, _n, tx) => UPGRADES[0]!(db, tx) })
    const img = makeImage({ kind: 'input' })
    await v1.put('images', img.record)
    await v1.put('imageBytes', { id: img.record.id, blob: img.blob })
    await v1.put('thumbs', { id: img.record.id, blob: img.thumb })
    await v1.put('jobs', job('job-1'))
    v1.close()

    const db = await openStudioDB(name)
    expect(db.version).toBe(DB_VERSION)
    expect(DB_VERSION).toBeGreaterThanOrEqual(2)
    expect(await db.get('images', img.record.id)).toEqual(img.record)
    expect(await bytesOf((await db.get('imageBytes', img.record.id))?.blob)).toEqual(await bytesOf(img.blob))
    // the thumbnail is still a Blob (converted after open), readable, and noted for conversion
    expect(shapeOf(await db.get('thumbs', img.record.id))).toBe('blob')
    expect(await thumbBytesOf(await db.get('thumbs', img.record.id))).toEqual(await bytesOf(img.thumb))
    expect(await db.get('meta', LEGACY_THUMBS)).toBe(true)
    expect((await db.get('jobs', 'job-1'))?.status).toBe('succeeded')
    // step 1 indexed the existing record
    expect(await db.countFromIndex('images', 'by-kind', 'input')).toBe(1)
    db.close()
  })

  it('re-parses old records on read: defaults filled in, damaged ones skipped and counted', async () => {
    const db = freshDB()
    const conn = await db()
    const { favorite: _f, mime: _m, parentIds: _p, ...old } = makeRecord()
    await conn.put('images', old as never)
    await conn.put('images', { id: 'broken', createdAt: 5, kind: 'nonsense' } as never)
    const page = await readCatalogPage(db, null, 10)
    expect(page.damaged).toBe(1)
    expect(page.records).toEqual([expect.objectContaining({ id: old.id, favorite: false, mime: 'image/png', parentIds: [] })])
    expect((await readRecords(db, ['broken', 'missing'])).get('broken')).toBeNull()
  })
})

describe('keepImages', () => {
  it('writes records, bytes, thumbnails and the job together, and tells other tabs', async () => {
    const db = freshDB()
    const events: StudioEvent[] = []
    const stop = listen((e) => events.push(e))
    const a = makeImage()
    await keepImages([a], job('job-a'), await db())
    expect(await storeSizes(db)).toEqual({ images: 1, imageBytes: 1, thumbs: 1, jobs: 1 })
    // the thumbnail inline (DB v4): its bytes and type, no Blob
    const thumb = await (await db()).get('thumbs', a.record.id)
    expect(shapeOf(thumb)).toBe('inline image/webp')
    expect(await thumbBytesOf(thumb)).toEqual(await bytesOf(a.thumb))
    await vi.waitFor(() => expect(events).toContainEqual({ type: 'images-changed', ids: [a.record.id] }))
    stop()
  })

  it('leaves nothing behind when a write fails part-way (a request that fails asynchronously)', async () => {
    const db = freshDB()
    const existing = makeImage()
    await keepImages([existing], undefined, await db())
    const before = await storeSizes(db)
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
    const put = IDBObjectStore.prototype.put
    // The images store refuses the second record (add on an existing key: ConstraintError, async).
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      return this.name === 'images' ? this.add(value, key) : put.call(this, value, key)
    })
    const fresh = makeImage()
    await expect(
      keepImages([fresh, { ...existing, record: { ...existing.record, favorite: true } }], job('job-b'), await db()),
    ).rejects.toThrow()
    vi.restoreAllMocks()
    expect(await storeSizes(db)).toEqual(before)
    expect(await (await db()).get('images', fresh.record.id)).toBeUndefined()
    expect((await (await db()).get('images', existing.record.id))?.favorite).toBe(false)
  })

  it('turns a full disk into a QuotaExceeded StudioError, announces it, and writes nothing', async () => {
    const db = freshDB()
    const events: StudioEvent[] = []
    const stop = listen((e) => events.push(e))
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
    const put = IDBObjectStore.prototype.put
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (this.name === 'thumbs') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
      return put.call(this, value, key)
    })
    const error = await keepImages([makeImage(), makeImage()], job('job-q'), await db()).catch((e: unknown) => e)
    vi.restoreAllMocks()
    expect(error).toBeInstanceOf(StudioError)
    expect(error).toMatchObject({ code: QUOTA_EXCEEDED, retryable: false })
    expect((error as Error).message).toMatch(/storage .* full.*Export the gallery/)
    expect(await storeSizes(db)).toEqual({ images: 0, imageBytes: 0, thumbs: 0, jobs: 0 })
    await vi.waitFor(() => expect(events.some((e) => e.type === 'storage-full')).toBe(true))
    stop()
  })
})

describe('favorite, delete and undo', () => {
  it('sets the favorite flag', async () => {
    const db = freshDB()
    const a = makeImage()
    await keepImages([a], undefined, await db())
    expect((await setFavorite(db, a.record.id, true))?.favorite).toBe(true)
    expect((await (await db()).get('images', a.record.id))?.favorite).toBe(true)
  })

  it('deletes record, bytes and thumbnail; undo puts them back byte for byte', async () => {
    const db = freshDB()
    const a = makeImage({ prompt: '一只猫在窗台上' })
    const b = makeImage()
    await keepImages([a, b], undefined, await db())
    const conn = await db()
    const raw = await conn.get('images', a.record.id)
    const deleted = await deleteImages(db, [a.record.id, 'no-such-id'])
    expect(deleted.map((d) => d.id)).toEqual([a.record.id])
    expect(await storeSizes(db)).toMatchObject({ images: 1, imageBytes: 1, thumbs: 1 })
    await restoreImages(db, deleted)
    expect(await conn.get('images', a.record.id)).toEqual(raw)
    expect(await bytesOf((await conn.get('imageBytes', a.record.id))?.blob)).toEqual(await bytesOf(a.blob))
    expect(shapeOf(await conn.get('thumbs', a.record.id))).toBe('inline image/webp')
    expect(await thumbBytesOf(await conn.get('thumbs', a.record.id))).toEqual(await bytesOf(a.thumb))
  })

  it('undo puts back a thumbnail stored as a Blob (before DB v4) with its bytes, inline', async () => {
    const db = freshDB()
    const a = makeImage()
    await keepImages([a], undefined, await db())
    const conn = await db()
    await conn.put('thumbs', { id: a.record.id, blob: a.thumb })
    await restoreImages(db, await deleteImages(db, [a.record.id]))
    expect(shapeOf(await conn.get('thumbs', a.record.id))).toBe('inline image/webp')
    expect(await thumbBytesOf(await conn.get('thumbs', a.record.id))).toEqual(await bytesOf(a.thumb))
  })
})
