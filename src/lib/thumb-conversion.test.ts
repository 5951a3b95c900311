// @vitest-environment node
import { openDB, type IDBPDatabase } from 'idb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { LEGACY_THUMBS, openStudioDB, UPGRADES, type StudioDB } from './db.ts'
import { QUOTA_EXCEEDED } from './image-store.ts'
import { ImageRecord, type ThumbRow } from './records.ts'
import { convertLegacyThumbs } from './thumb-conversion.ts'

const record = (id: string, createdAt: number) =>
  ImageRecord.parse({
    id,
    createdAt,
    kind: 't2i',
    model: 'qwen-image-plus',
    region: 'singapore',
    prompt: 'p',
    size: '1328*1328',
    width: 1328,
    height: 1328,
    promptExtend: false,
    watermark: false,
    bytes: 3,
  })
const webp = (n: number) => new Blob([new Uint8Array([n, n + 1, n + 2])], { type: 'image/webp' })

/**
 * A database written by v3 (thumbnails as Blobs: `legacy` of them, t0..; image records for
 * `withRecords` of them, created at 1000 + i) and opened by this version.
 */
async function upgradedFromV3(legacy: number, withRecords = 0): Promise<IDBPDatabase<StudioDB>> {
  const name = `convert-${Math.random()}`
  const v3 = await openDB<StudioDB>(name, 3, {
    upgrade: (db, _o, _n, tx) => {
      for (let v = 0; v < 3; v++) UPGRADES[v]!(db, tx)
    },
  })
  for (let i = 0; i < legacy; i++) await v3.put('thumbs', { id: `t${i}`, blob: webp(i) })
  for (let i = 0; i < withRecords; i++) await v3.put('images', record(`t${i}`, 1000 + i))
  v3.close()
  return openStudioDB(name)
}

const inline = (i: number): ThumbRow => ({
  id: `t${i}`,
  createdAt: undefined,
  bytes: new Uint8Array([i, i + 1, i + 2]).buffer,
  type: 'image/webp',
})

afterEach(() => vi.restoreAllMocks())

describe('convertLegacyThumbs (the rest of the v4 upgrade)', () => {
  it('rewrites every Blob thumbnail inline, across batches, leaves inline rows alone, and removes the note', async () => {
    const db = await upgradedFromV3(5)
    const written: ThumbRow = { id: 't9', createdAt: 9, bytes: new Uint8Array([1]).buffer, type: 'image/png' } // by v4
    await db.put('thumbs', written)
    expect(await convertLegacyThumbs(db, { batch: 2, pauseMs: 0 })).toBe(5)
    expect(await db.getAll('thumbs')).toEqual([0, 1, 2, 3, 4].map(inline).concat(written))
    expect(await db.get('meta', LEGACY_THUMBS)).toBeUndefined()
    expect(await convertLegacyThumbs(db)).toBe(0) // nothing left to do
    db.close()
  })

  it('gives converted rows the creation time of their image, which puts them in the by-created index', async () => {
    const db = await upgradedFromV3(3, 2) // t2's record is gone: converted, but never on screen
    expect(await db.getAllKeysFromIndex('thumbs', 'by-created')).toEqual([])
    await convertLegacyThumbs(db, { pauseMs: 0 })
    expect((await db.getAll('thumbs')).map((r) => ('createdAt' in r ? r.createdAt : 'blob'))).toEqual([1000, 1001, undefined])
    expect(await db.getAllKeysFromIndex('thumbs', 'by-created')).toEqual(['t0', 't1'])
    db.close()
  })

  it('does nothing without the note', async () => {
    const db = await upgradedFromV3(2)
    await db.delete('meta', LEGACY_THUMBS)
    expect(await convertLegacyThumbs(db, { pauseMs: 0 })).toBe(0)
    expect((await db.getAll('thumbs')).every((r) => 'blob' in r)).toBe(true)
    db.close()
  })

  it('does not bring back a thumbnail deleted while its bytes were being read', async () => {
    const db = await upgradedFromV3(3)
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this)
    const read = Blob.prototype.arrayBuffer
    vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementationOnce(async function (this: Blob) {
      await db.delete('thumbs', 't0') // the image is deleted meanwhile (this tab or another)
      return read.call(this)
    })
    expect(await convertLegacyThumbs(db, { pauseMs: 0 })).toBe(2)
    expect((await db.getAll('thumbs')).map((r) => r.id)).toEqual(['t1', 't2'])
    db.close()
  })

  it('reports a full disk as QuotaExceeded and keeps the note, so the next start carries on', async () => {
    const db = await upgradedFromV3(2)
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
    })
    await expect(convertLegacyThumbs(db, { pauseMs: 0 })).rejects.toMatchObject({ code: QUOTA_EXCEEDED })
    vi.restoreAllMocks()
    expect(await db.get('meta', LEGACY_THUMBS)).toBe(true)
    expect(await convertLegacyThumbs(db, { pauseMs: 0 })).toBe(2)
    db.close()
  })
})
