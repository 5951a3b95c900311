/**
 * The studio's IndexedDB: jobs, image records, image bytes and thumbnails in separate stores
 * (the grid reads thumbnails only). Upgrades are explicit, one step per version.
 */
import { openDB, wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb'
import { DB_NAME, DB_VERSION } from './db-identity.ts'
import { takeFirstConnection } from './first-read.ts'
import type { ImageRecord, JobRecord, StoredThumb } from './records.ts'

export { DB_NAME, DB_VERSION }

export interface BlobRow {
  id: string
  blob: Blob
}

export interface StudioDB extends DBSchema {
  jobs: { key: string; value: JobRecord; indexes: { 'by-created': number; 'by-status': string } }
  images: { key: string; value: ImageRecord; indexes: { 'by-created': number; 'by-job': string; 'by-kind': string; 'by-parent': string } }
  imageBytes: { key: string; value: BlobRow }
  /** Inline bytes from v4 on; Blob rows written before v4 until they are converted (thumb-rows.ts). */
  thumbs: { key: string; value: StoredThumb; indexes: { 'by-created': number } }
  /** Notes the upgrades leave for work done after open (see LEGACY_THUMBS). */
  meta: { key: string; value: true }
}

/** In `meta` while the thumbs store may still hold Blob rows written before v4. */
export const LEGACY_THUMBS = 'legacy-thumbs'

type Upgrade = (db: IDBPDatabase<StudioDB>, tx: IDBPTransaction<StudioDB, StoreNames<StudioDB>[], 'versionchange'>) => void

/** UPGRADES[v] takes a database at version v to v + 1. Append; never edit a released step. */
export const UPGRADES: Upgrade[] = [
  (db) => {
    const jobs = db.createObjectStore('jobs', { keyPath: 'id' })
    jobs.createIndex('by-created', 'createdAt')
    jobs.createIndex('by-status', 'status')
    const images = db.createObjectStore('images', { keyPath: 'id' })
    images.createIndex('by-created', 'createdAt')
    images.createIndex('by-job', 'jobId')
    db.createObjectStore('imageBytes', { keyPath: 'id' })
    db.createObjectStore('thumbs', { keyPath: 'id' })
  },
  // v1 -> v2: images by kind, so the gallery counts edit inputs (hidden by default) without a scan.
  (_db, tx) => {
    tx.objectStore('images').createIndex('by-kind', 'kind')
  },
  // v2 -> v3: images by each of their parents, so an input's detail lists the edits made from it.
  (_db, tx) => {
    tx.objectStore('images').createIndex('by-parent', 'parentIds', { multiEntry: true })
  },
  // v3 -> v4: thumbnails inline ({ id, bytes, type, createdAt }) instead of Blobs, which Chromium
  // keeps in a file each (opening those files was most of the gallery's time to its first
  // thumbnail), and indexed by their image's creation time, so that the first screen's thumbnails
  // are read newest first, with its records. This transaction commits as soon as it waits on
  // anything but IndexedDB, so it cannot read the Blobs' bytes: it notes (LEGACY_THUMBS) that
  // there are rows to convert, and convertLegacyThumbs() rewrites them after open. Until then
  // readers take both shapes (a Blob row is not in the index).
  (db, tx) => {
    db.createObjectStore('meta')
    tx.objectStore('thumbs').createIndex('by-created', 'createdAt')
    void tx
      .objectStore('thumbs')
      .count()
      .then((rows) => {
        if (rows > 0) void tx.objectStore('meta').put(true, LEGACY_THUMBS)
      })
  },
]

export function openStudioDB(name = DB_NAME): Promise<IDBPDatabase<StudioDB>> {
  return openDB<StudioDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < DB_VERSION; v++) UPGRADES[v]!(db, tx)
    },
    blocked() {
      console.warn('IndexedDB upgrade is waiting for another tab of the studio to close')
    },
  })
}

let shared: Promise<IDBPDatabase<StudioDB>> | undefined

/** The page's one connection: the first read's (first-read.ts) when it opened one, else opened here. */
export function studioDB(): Promise<IDBPDatabase<StudioDB>> {
  shared ??= takeFirstConnection()
    .then((early) => (early ? (wrap(early) as IDBPDatabase<StudioDB>) : openStudioDB()))
    .then((db) => {
      db.addEventListener('versionchange', () => {
        db.close()
        shared = undefined
      })
      return db
    })
  return shared
}

/** For tests: drop the cached connection. */
export function resetStudioDBForTests() {
  shared = undefined
}
