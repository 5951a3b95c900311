// @vitest-environment node
import 'fake-indexeddb/auto'
import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { imageKeys, refreshImages } from '../../../lib/image-data.ts'
import { freshDB, makeRecord } from '../../../testing/gallery-fixtures.ts'
import type { CatalogData } from './catalog-order.ts'
import { galleryKeys } from './gallery-keys.ts'
import type { DBProvider } from './gallery-repo.ts'
import { applyImageChanges } from './gallery-sync.ts'

/** The studio database, counting the transactions opened on it (each read is one). */
function countingDB(): { db: DBProvider; transactions: () => number } {
  const real = freshDB()
  let count = 0
  const db: DBProvider = async () => {
    const conn = await real()
    return new Proxy(conn, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver)
        if (typeof value !== 'function') return value
        if (key !== 'transaction') return (value as (...a: unknown[]) => unknown).bind(target)
        return (...args: unknown[]) => {
          count++
          return (value as (...a: unknown[]) => unknown).apply(target, args)
        }
      },
    })
  }
  return { db, transactions: () => count }
}

describe('the gallery follows image changes from the one refresh', () => {
  it('one read per change patches the record views and the gallery catalog alike', async () => {
    const { db, transactions } = countingDB()
    const kept = makeRecord({ createdAt: 2_000 })
    const added = makeRecord({ createdAt: 3_000 })
    const conn = await db()
    await conn.put('images', kept)
    await conn.put('images', added)
    const qc = new QueryClient()
    const catalog: CatalogData = { pages: [{ records: [kept], damaged: 0, end: null }], pageParams: [null] }
    qc.setQueryData(galleryKeys.catalog(), catalog)

    const before = transactions()
    // What the app's one listener does on 'images-changed' (lib/image-data.ts useImageDataSync).
    await refreshImages(qc, [added.id, kept.id], db)
    expect(transactions() - before).toBe(1)
    expect(qc.getQueryData(imageKeys.record(added.id))).toEqual(added)
    expect(qc.getQueryData<CatalogData>(galleryKeys.catalog())!.pages[0]!.records.map((r) => r.id)).toEqual([added.id, kept.id])

    // A deletion in this tab: one read, and the catalog loses the image.
    await conn.delete('images', kept.id)
    const beforeDelete = transactions()
    await applyImageChanges(qc, [kept.id], db)
    expect(transactions() - beforeDelete).toBe(1)
    expect(qc.getQueryData(imageKeys.record(kept.id))).toBeNull()
    expect(qc.getQueryData<CatalogData>(galleryKeys.catalog())!.pages[0]!.records.map((r) => r.id)).toEqual([added.id])
  })
})
