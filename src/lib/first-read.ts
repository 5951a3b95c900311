/**
 * The gallery's first screen, read from IndexedDB before the studio's code has loaded.
 * app/first-read-entry.ts starts it from a small script of its own that index.html runs first
 * (scripts/first-read-plugin.ts), so the database opens and the newest records and thumbnails
 * are read while the browser still fetches and compiles the studio: on a large gallery the
 * first screen's critical path. readFirstScreen (catalog-pages.ts) takes the rows and studioDB
 * (db.ts) the connection. Nothing here creates or upgrades the database: a database that does
 * not exist yet, or is at another version, is left to the studio, which then reads as before.
 */
import { DB_NAME, DB_VERSION } from './db-identity.ts'
import type { IndexRecord, RecordsIndex } from './newest-rows.ts'

/** The first screen: records read with it (enough cells for a large display) and thumbnails (about a screenful). */
export const FIRST_SCREEN = { records: 120, thumbs: 24 } as const

export interface FirstRows {
  /** Newest first, at most FIRST_SCREEN.records. */
  records: IndexRecord[]
  /** The newest thumbnails, at most FIRST_SCREEN.thumbs. */
  thumbs: IndexRecord[]
}

let connection: Promise<IDBDatabase | undefined> | undefined
let rows: Promise<FirstRows | undefined> | undefined

/** Opens the database as it is (no version asked for: a missing one is not created) at the studio's version, or undefined. */
function openAsIs(): Promise<IDBDatabase | undefined> {
  return new Promise((resolve) => {
    const request = indexedDB.open(DB_NAME)
    request.onupgradeneeded = () => request.transaction?.abort() // no database yet: db.ts creates it
    request.onerror = () => resolve(undefined)
    request.onsuccess = () => {
      const db = request.result
      db.onversionchange = () => db.close() // another tab upgrades: let it
      if (db.version === DB_VERSION) return resolve(db)
      db.close()
      resolve(undefined)
    }
  })
}

/** The newest records and thumbnails in one transaction, a request each; undefined where the browser lacks getAllRecords. */
function readNewest(db: IDBDatabase): Promise<FirstRows | undefined> {
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(['images', 'thumbs'])
      const newest = (store: string, count: number) => {
        const index = tx.objectStore(store).index('by-created') as RecordsIndex
        return index.getAllRecords?.({ count, direction: 'prev' })
      }
      const records = newest('images', FIRST_SCREEN.records)
      const thumbs = newest('thumbs', FIRST_SCREEN.thumbs)
      if (!records || !thumbs) return resolve(undefined)
      // Resolved with the answers, not the transaction's commit: the commit is not on the way to the first paint.
      records.onsuccess = thumbs.onsuccess = () => {
        if (records.readyState === 'done' && thumbs.readyState === 'done') resolve({ records: records.result, thumbs: thumbs.result })
      }
      tx.onabort = () => resolve(undefined)
    } catch {
      resolve(undefined)
    }
  })
}

/** Starts the read, once; app/first-read-entry.ts calls it. */
export function startFirstRead() {
  if (connection || typeof indexedDB === 'undefined') return
  connection = openAsIs()
  rows = connection.then((db) => db && readNewest(db))
}

/** The first screen's rows, once (undefined: none were read early, or they were taken). */
export function takeFirstRows(): Promise<FirstRows | undefined> {
  const taken = rows ?? Promise.resolve(undefined)
  rows = undefined
  return taken
}

/** The connection the first read opened, once, if it is at the studio's version. */
export function takeFirstConnection(): Promise<IDBDatabase | undefined> {
  const taken = connection ?? Promise.resolve(undefined)
  connection = Promise.resolve(undefined)
  return taken
}
