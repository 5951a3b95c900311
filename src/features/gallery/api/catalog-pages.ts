/**
 * Reading the catalog in pages, newest first, from the by-created index: one getAllRecords request
 * per page where the browser has it (Chromium 141+), else a cursor. Rows are re-parsed a chunk
 * per task (a damaged record is skipped and counted), so a large page never blocks the main
 * thread for long.
 */
import { unwrap } from 'idb'
import type { ImageRecord, StoredThumb } from '../../../lib/records.ts'
import { parseThumb } from '../../../lib/thumb-rows.ts'
import { parseRecord, type DBProvider } from './gallery-repo.ts'

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
  getAllRecords?: (options: {
    query?: IDBKeyRange | null
    count?: number
    direction?: IDBCursorDirection
  }) => IDBRequest<{ primaryKey: IDBValidKey; value: unknown }[]>
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

async function rowsFast(
  index: RecordsIndex,
  after: CatalogCursor | null,
  limit: number,
): Promise<{ rows: RawRow[]; more: boolean } | undefined> {
  if (!index.getAllRecords) return undefined
  const count = limit + (after ? TIE_SLACK : 0)
  const all = await request(
    index.getAllRecords({ query: after ? IDBKeyRange.upperBound(after.createdAt) : null, count, direction: 'prev' }),
  )
  const fresh = all.filter((r) => !seen(after, createdOf(r.value), idOf(r.primaryKey)))
  if (all.length - fresh.length >= TIE_SLACK) return undefined // a pathological run of equal timestamps
  return {
    rows: fresh.slice(0, limit).map((r) => ({ id: idOf(r.primaryKey), value: r.value })),
    more: fresh.length > limit || all.length === count,
  }
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

/** Rows of `index` after `after`, newest first: one getAllRecords request where the browser has it, else a cursor. */
async function readRows(index: RecordsIndex, after: CatalogCursor | null, limit: number): Promise<{ rows: RawRow[]; more: boolean }> {
  return (await rowsFast(index, after, limit)) ?? (await rowsByCursor(index, after, limit))
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Up to `limit` records after `after`, newest first, from the by-created index (ties in createdAt
 * come in descending id order, as the index gives them). Rows are parsed a chunk per task.
 */
export async function readCatalogPage(db: DBProvider, after: CatalogCursor | null, limit: number): Promise<CatalogPage> {
  const conn = await db()
  const index = unwrap(conn.transaction('images').store.index('by-created')) as RecordsIndex
  return parseRows(await readRows(index, after, limit))
}

/**
 * The first page, and the thumbnails of its first `thumbs` records: the newest thumbnails are read
 * from the thumbs store's by-created index together with the records (one round trip, the first
 * screen's critical path). A first-screen record whose thumbnail is not among them (a row stored
 * before DB v4, not indexed until converted) has it read by id, in the same transaction. A
 * thumbnail that cannot be read this way resolves to undefined (read it again on its own).
 */
export async function readFirstScreen(
  db: DBProvider,
  limit: number,
  thumbs: number,
): Promise<{ page: CatalogPage; thumbs: Map<string, Promise<StoredThumb | null | undefined>> }> {
  const tx = (await db()).transaction(['images', 'thumbs'])
  const records = unwrap(tx.objectStore('images').index('by-created')) as RecordsIndex
  const newestThumbs = unwrap(tx.objectStore('thumbs').index('by-created')) as RecordsIndex
  const [rows, thumbRows] = await Promise.all([readRows(records, null, limit), readRows(newestThumbs, null, thumbs).catch(() => undefined)])
  const newest = new Map(thumbRows?.rows.map((r) => [r.id, parseThumb(r.value)]))
  const store = tx.objectStore('thumbs')
  const read = new Map(
    rows.rows.slice(0, thumbs).map((r) => {
      const thumb = newest.get(r.id)
      const row = thumb
        ? Promise.resolve(thumb)
        : store.get(r.id).then(
            (value) => parseThumb(value) ?? null,
            () => undefined,
          )
      return [r.id, row] as const
    }),
  )
  return { page: await parseRows(rows), thumbs: read }
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
