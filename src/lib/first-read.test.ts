// @vitest-environment node
import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { openDB } from 'idb'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { bytesOf, makeImage, thumbBytesOf } from '../testing/gallery-fixtures.ts'
import { DB_NAME, DB_VERSION } from './db-identity.ts'
import { UPGRADES, type StudioDB } from './db.ts'

/** The modules as a fresh page has them: no first read started, no connection yet. */
async function freshPage() {
  vi.resetModules()
  const firstRead = await import('./first-read.ts')
  const db = await import('./db.ts')
  const pages = await import('../features/gallery/api/catalog-pages.ts')
  const store = await import('./image-store.ts')
  return { ...firstRead, ...db, ...pages, ...store }
}

const opens = () => vi.spyOn(indexedDB, 'open')

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory()
  vi.restoreAllMocks()
})

describe('the first read (before the studio has loaded)', () => {
  it('leaves a database that does not exist to the studio, which then creates it at its version', async () => {
    const page = await freshPage()
    page.startFirstRead()
    expect(await page.takeFirstRows()).toBeUndefined()
    expect(await page.takeFirstConnection()).toBeUndefined()
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME)
    const db = await page.studioDB()
    expect(db.version).toBe(DB_VERSION)
    expect([...db.objectStoreNames].sort()).toEqual(['imageBytes', 'images', 'jobs', 'meta', 'thumbs'])
  })

  it('does not keep an older database open, so the studio can upgrade it', async () => {
    const old = await openDB<StudioDB>(DB_NAME, DB_VERSION - 1, {
      upgrade: (db, oldVersion, _n, tx) => {
        for (let v = oldVersion; v < DB_VERSION - 1; v++) UPGRADES[v]!(db, tx)
      },
    })
    old.close()
    const page = await freshPage()
    page.startFirstRead()
    expect(await page.takeFirstRows()).toBeUndefined()
    expect(await page.takeFirstConnection()).toBeUndefined()
    const blocked = vi.fn()
    vi.spyOn(console, 'warn').mockImplementation(blocked)
    const db = await page.studioDB()
    expect(db.version).toBe(DB_VERSION)
    expect(blocked).not.toHaveBeenCalled()
  })

  it('reads the first screen as readFirstScreen would, and hands its connection to the studio', async () => {
    const images = Array.from({ length: 30 }, (_, i) => makeImage({ createdAt: 1000 + i }))
    {
      const page = await freshPage()
      await page.keepImages(images, undefined, await page.openStudioDB())
    }
    // Read the usual way, then with the first read started before the studio.
    const usual = await freshPage()
    const expected = await usual.readFirstScreen(usual.studioDB, usual.FIRST_SCREEN.records, usual.FIRST_SCREEN.thumbs)
    ;(await usual.studioDB()).close()

    const page = await freshPage()
    const open = opens()
    page.startFirstRead()
    const early = await page.readFirstScreen(page.studioDB, page.FIRST_SCREEN.records, page.FIRST_SCREEN.thumbs)
    expect(early.page).toEqual(expected.page)
    expect([...early.thumbs.keys()]).toEqual([...expected.thumbs.keys()])
    for (const [id, thumb] of expected.thumbs)
      expect(await thumbBytesOf(await early.thumbs.get(id))).toEqual(await thumbBytesOf(await thumb))
    expect(await thumbBytesOf(await early.thumbs.get(images[29]!.record.id))).toEqual(await bytesOf(images[29]!.thumb))
    // One connection for the page: the studio's is the first read's.
    const db = await page.studioDB()
    expect(db.version).toBe(DB_VERSION)
    expect(await db.count('images')).toBe(30)
    expect(open).toHaveBeenCalledTimes(1)
    // The rows are used once: a second read goes to the database.
    const again = await page.readFirstScreen(page.studioDB, page.FIRST_SCREEN.records, page.FIRST_SCREEN.thumbs)
    expect(again.page).toEqual(expected.page)
  })

  it('closes its connection when another tab upgrades the database', async () => {
    const images = [makeImage({ createdAt: 1 })]
    {
      const page = await freshPage()
      const db = await page.openStudioDB()
      await page.keepImages(images, undefined, db)
      db.close()
    }
    const page = await freshPage()
    page.startFirstRead()
    expect(await page.takeFirstRows()).toMatchObject({ records: [expect.objectContaining({ primaryKey: images[0]!.record.id })] })
    const upgraded = await openDB(DB_NAME, DB_VERSION + 1) // would wait forever on a connection kept open
    expect(upgraded.version).toBe(DB_VERSION + 1)
    upgraded.close()
  })
})
