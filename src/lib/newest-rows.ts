/**
 * Rows of a createdAt index, newest first, a page at a time: one getAllRecords request where the
 * browser has it (IndexedDB 3.0, Chromium 141+), else a cursor. Each request and each cursor
 * step is a round trip to the browser's database, which serves a page's requests one after
 * another, so a page in one request matters most while the studio starts.
 */

/** Position in the newest-first order: (createdAt, id), both descending. */
export interface CreatedCursor {
  createdAt: number
  id: string
}

export interface RawRow {
  id: string
  value: unknown
}

export const createdOf = (value: unknown) =>
  value && typeof value === 'object' && 'createdAt' in value && typeof value.createdAt === 'number' ? value.createdAt : 0

/** Record ids are strings; anything else (never written by the studio) is made one. */
const idOf = (key: IDBValidKey) => (typeof key === 'string' ? key : JSON.stringify(key))

/** A row as IndexedDB 3.0's getAllRecords gives it. */
export interface IndexRecord {
  primaryKey: IDBValidKey
  value: unknown
}

/** An index, with IndexedDB 3.0's getAllRecords where the browser has it. */
export type RecordsIndex = IDBIndex & {
  getAllRecords?: (options: { query?: IDBKeyRange | null; count?: number; direction?: IDBCursorDirection }) => IDBRequest<IndexRecord[]>
}

/** Extra rows asked for, to step over records that share the previous page's last timestamp. */
const TIE_SLACK = 32

const request = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'))
  })

/** Rows of the previous pages: same createdAt as the cursor, id not below it. */
const seen = (after: CreatedCursor | null, createdAt: number, id: string) => !!after && createdAt === after.createdAt && id >= after.id

async function rowsFast(
  index: RecordsIndex,
  after: CreatedCursor | null,
  limit: number,
): Promise<{ rows: RawRow[]; more: boolean } | undefined> {
  if (!index.getAllRecords) return undefined
  const count = limit + (after ? TIE_SLACK : 0)
  const all = await request(
    index.getAllRecords({ query: after ? IDBKeyRange.upperBound(after.createdAt) : null, count, direction: 'prev' }),
  )
  const fresh = all.filter((r) => !seen(after, createdOf(r.value), idOf(r.primaryKey)))
  if (all.length - fresh.length >= TIE_SLACK) return undefined // a pathological run of equal timestamps
  return { rows: fresh.slice(0, limit).map(rawRow), more: fresh.length > limit || all.length === count }
}

const rawRow = (r: IndexRecord): RawRow => ({ id: idOf(r.primaryKey), value: r.value })

/** The newest `limit` rows as getAllRecords gave them (first-read.ts), as newestRows(index, null, limit) would. */
export function newestOf(records: readonly IndexRecord[], limit: number): { rows: RawRow[]; more: boolean } {
  return { rows: records.slice(0, limit).map(rawRow), more: records.length >= limit }
}

async function rowsByCursor(index: RecordsIndex, after: CreatedCursor | null, limit: number): Promise<{ rows: RawRow[]; more: boolean }> {
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

/**
 * Up to `limit` rows of a createdAt index after `after`, newest first (ties in createdAt come in
 * descending id order, as the index gives them); `more` when older rows remain.
 */
export async function newestRows(index: IDBIndex, after: CreatedCursor | null, limit: number): Promise<{ rows: RawRow[]; more: boolean }> {
  return (await rowsFast(index, after, limit)) ?? (await rowsByCursor(index, after, limit))
}
