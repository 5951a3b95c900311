/**
 * The gallery's reads and writes in IndexedDB. Records are re-parsed on read (a damaged one is
 * skipped and counted, never trusted); every write is one transaction (writeAtomically) and is
 * announced to other tabs.
 */
import { unwrap, type IDBPDatabase } from 'idb'
import { studioDB, type StudioDB } from '../../../lib/db.ts'
import { broadcast, handled, writeAtomically } from '../../../lib/image-store.ts'
import { ImageRecord } from '../../../lib/records.ts'

export type DBProvider = () => Promise<IDBPDatabase<StudioDB>>

/** Position in the newest-first order: (createdAt, id), both descending. */
export interface CatalogCursor {
  createdAt: number
  id: string
}

export interface CatalogPage {
  records: ImageRecord[]
  /** Rows in this page that failed to parse (skipped). */
  damaged: number
  /** Where the next page starts; null when this page reached the oldest record. */
  end: CatalogCursor | null
}

export function parseRecord(value: unknown): ImageRecord | undefined {
  const parsed = ImageRecord.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

const createdOf = (value: unknown) =>
  value && typeof value === 'object' && 'createdAt' in value && typeof value.createdAt === 'number' ? value.createdAt : 0

/** Image ids are strings; anything else (never written by the studio) is made one. */
const idOf = (key: IDBValidKey) => (typeof key === 'string' ? key : JSON.stringify(key))

interface RawRow {
  id: string
  value: unknown
}

/** IndexedDB 3.0's getAllRecords (Chromium 141+): a page in one request, newest first. */
type RecordsIndex = IDBIndex & {
  getAllRecords?: (options: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }) => IDBRequest<{ primaryKey: IDBValidKey; value: unknown }[]>
}

/** Extra rows asked for, to step over records that share the previous page's last timestamp. */
const TIE_SLACK = 32
/** Rows parsed per task, so a large page never blocks the main thread for long. */
const PARSE_CHUNK = 200

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })

/** Rows of the previous pages: same createdAt as the cursor, id not below it. */
const seen = (after: CatalogCursor | null, createdAt: number, id: string) => !!after && createdAt === after.createdAt && id >= after.id

async function rowsFast(index: RecordsIndex, after: CatalogCursor | null, limit: number): Promise<{ rows: RawRow[]; more: boolean } | undefined> {
  if (!index.getAllRecords) return undefined
  const count = limit + (after ? TIE_SLACK : 0)
  const all = await request(index.getAllRecords({ query: after ? IDBKeyRange.upperBound(after.createdAt) : null, count, direction: 'prev' }))
  const fresh = all.filter((r) => !seen(after, createdOf(r.value), idOf(r.primaryKey)))
  if (all.length - fresh.length >= TIE_SLACK) return undefined // a pathological run of equal timestamps
  return { rows: fresh.slice(0, limit).map((r) => ({ id: idOf(r.primaryKey), value: r.value })), more: fresh.length > limit || all.length === count }
}

async function rowsByCursor(index: RecordsIndex, after: CatalogCursor | null, limit: number): Promise<{ rows: RawRow[]; more: boolean }> {
  const rows: RawRow[] = []
  const req = index.openCursor(after ? IDBKeyRange.upperBound(after.createdAt) : null, 'prev')
  return new Promise((resolve, reject) => {
    req.onerror = () => reject(req.error ?? new Error('IndexedDB cursor failed'))
    req.onsuccess = () => {
      const cursor = req.result
      if (!cursor) return resolve({ rows, more: false })
      if (rows.length === limit) return resolve({ rows, more: true })
      const id = idOf(cursor.primaryKey)
      if (!seen(after, createdOf(cursor.value), id)) rows.push({ id, value: cursor.value })
      cursor.continue()
    }
  })
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Up to `limit` records after `after`, newest first, from the by-created index (ties in createdAt
 * come in descending id order, as the index gives them): one getAllRecords request where the
 * browser has it, else a cursor. Rows are parsed a chunk per task.
 */
export async function readCatalogPage(db: DBProvider, after: CatalogCursor | null, limit: number): Promise<CatalogPage> {
  const conn = await db()
  const index = unwrap(conn.transaction('images').store.index('by-created')) as RecordsIndex
  return parseRows((await rowsFast(index, after, limit)) ?? (await rowsByCursor(index, after, limit)))
}

/**
 * The first page, and the thumbnails of its first `thumbs` records read in the same transaction
 * as soon as the rows arrive (the first screen's critical path). A thumbnail that cannot be read
 * this way resolves to undefined (read it again on its own).
 */
export async function readFirstScreen(
  db: DBProvider,
  limit: number,
  thumbs: number,
): Promise<{ page: CatalogPage; thumbs: Map<string, Promise<Blob | null | undefined>> }> {
  const tx = (await db()).transaction(['images', 'thumbs'])
  const index = unwrap(tx.objectStore('images').index('by-created')) as RecordsIndex
  const rows = (await rowsFast(index, null, limit)) ?? (await rowsByCursor(index, null, limit))
  const store = tx.objectStore('thumbs')
  const blobs = new Map(
    rows.rows.slice(0, thumbs).map((r) => [r.id, store.get(r.id).then((row) => row?.blob ?? null, () => undefined)] as const),
  )
  return { page: await parseRows(rows), thumbs: blobs }
}

async function parseRows({ rows, more }: { rows: RawRow[]; more: boolean }): Promise<CatalogPage> {
  const records: ImageRecord[] = []
  let damaged = 0
  for (let i = 0; i < rows.length; i += PARSE_CHUNK) {
    if (i > 0) await nextTask()
    for (const row of rows.slice(i, i + PARSE_CHUNK)) {
      const record = parseRecord(row.value)
      if (record) records.push(record)
      else damaged++
    }
  }
  const last = rows.at(-1)
  return { records, damaged, end: more && last ? { createdAt: createdOf(last.value), id: last.id } : null }
}

/** Records by id: the parsed record, or null when it is missing or damaged. */
export async function readRecords(db: DBProvider, ids: readonly string[]): Promise<Map<string, ImageRecord | null>> {
  const store = (await db()).transaction('images').store
  const values = await Promise.all(ids.map((id) => store.get(id)))
  return new Map(ids.map((id, i) => [id, parseRecord(values[i]) ?? null]))
}

export interface ImageCounts {
  /** Every stored record (damaged ones too). */
  total: number
  /** Edit inputs, hidden from the grid by default. */
  inputs: number
}

export async function countImages(db: DBProvider): Promise<ImageCounts> {
  const tx = (await db()).transaction('images')
  const [total, inputs] = await Promise.all([tx.store.count(), tx.store.index('by-kind').count('input')])
  return { total, inputs }
}

type Waiter = { resolve: (blob: Blob | null) => void; reject: (error: unknown) => void }
const thumbBatches = new Map<DBProvider, Map<string, Waiter[]>>()

async function flushThumbs(db: DBProvider) {
  const batch = thumbBatches.get(db)
  thumbBatches.delete(db)
  if (!batch) return
  try {
    const store = (await db()).transaction('thumbs').store
    await Promise.all(
      [...batch].map(async ([id, waiters]) => {
        const blob = (await store.get(id))?.blob ?? null
        for (const w of waiters) w.resolve(blob)
      }),
    )
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error)
  }
}

/** A thumbnail; the reads asked for in the same task share one transaction (a screenful at once). */
export function readThumb(db: DBProvider, id: string): Promise<Blob | null> {
  return new Promise((resolve, reject) => {
    let batch = thumbBatches.get(db)
    if (!batch) {
      batch = new Map()
      thumbBatches.set(db, batch)
      setTimeout(() => void flushThumbs(db), 0)
    }
    batch.set(id, [...(batch.get(id) ?? []), { resolve, reject }])
  })
}

export async function readImageBytes(db: DBProvider, id: string): Promise<Blob | null> {
  return (await (await db()).get('imageBytes', id))?.blob ?? null
}

/** Sets a record's favorite flag (read-modify-write in one transaction). */
export async function setFavorite(db: DBProvider, id: string, favorite: boolean): Promise<ImageRecord | undefined> {
  const record = await writeAtomically(await db(), ['images'], async (tx) => {
    const store = tx.objectStore('images')
    const current = parseRecord(await store.get(id))
    if (!current) return undefined
    const next = { ...current, favorite }
    await store.put(next)
    return next
  })
  broadcast({ type: 'images-changed', ids: [id] })
  return record
}

/** A deleted image, held in memory so that Undo puts back exactly what was there. */
export interface DeletedImage {
  id: string
  /** The stored record as it was (not re-parsed), so it returns unchanged. */
  record: unknown
  blob: Blob | null
  thumb: Blob | null
}

/** Copies a stored blob into memory: it must outlive its IndexedDB row. */
async function detach(blob: Blob | undefined): Promise<Blob | null> {
  return blob ? new Blob([await blob.arrayBuffer()], { type: blob.type }) : null
}

/** Deletes records, bytes and thumbnails in one transaction; returns what Undo needs. */
export async function deleteImages(db: DBProvider, ids: readonly string[]): Promise<DeletedImage[]> {
  const conn = await db()
  const read = conn.transaction(['images', 'imageBytes', 'thumbs'])
  const rows = await Promise.all(
    ids.map(async (id) => {
      const [record, bytes, thumb] = await Promise.all([
        read.objectStore('images').get(id),
        read.objectStore('imageBytes').get(id),
        read.objectStore('thumbs').get(id),
      ])
      return { id, record, bytes: bytes?.blob, thumb: thumb?.blob }
    }),
  )
  const found = rows.filter((r) => r.record !== undefined)
  const deleted: DeletedImage[] = await Promise.all(
    found.map(async (r) => ({ id: r.id, record: r.record, blob: await detach(r.bytes), thumb: await detach(r.thumb) })),
  )
  await writeAtomically(conn, ['images', 'imageBytes', 'thumbs'], (tx) =>
    Promise.all(
      deleted.flatMap((d) => [
        handled(tx.objectStore('images').delete(d.id)),
        handled(tx.objectStore('imageBytes').delete(d.id)),
        handled(tx.objectStore('thumbs').delete(d.id)),
      ]),
    ),
  )
  broadcast({ type: 'images-changed', ids: deleted.map((d) => d.id) })
  return deleted
}

/** Puts deleted images back (record, bytes and thumbnail) in one transaction. */
export async function restoreImages(db: DBProvider, deleted: readonly DeletedImage[]): Promise<void> {
  await writeAtomically(await db(), ['images', 'imageBytes', 'thumbs'], (tx) =>
    Promise.all(
      deleted.flatMap((d) => [
        handled(tx.objectStore('images').put(d.record as ImageRecord)),
        ...(d.blob ? [handled(tx.objectStore('imageBytes').put({ id: d.id, blob: d.blob }))] : []),
        ...(d.thumb ? [handled(tx.objectStore('thumbs').put({ id: d.id, blob: d.thumb }))] : []),
      ]),
    ),
  )
  broadcast({ type: 'images-changed', ids: deleted.map((d) => d.id) })
}

export const defaultDB: DBProvider = studioDB
