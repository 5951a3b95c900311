/**
 * The gallery's reads and writes in IndexedDB. Records are re-parsed on read (a damaged one is
 * skipped and counted, never trusted); every write is one transaction (writeAtomically) and is
 * announced to other tabs.
 */
import type { IDBPDatabase } from 'idb'
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

/**
 * Up to `limit` records after `after`, newest first, read with a cursor on the by-created index
 * (ties in createdAt come in descending id order, as the index gives them).
 */
export async function readCatalogPage(db: DBProvider, after: CatalogCursor | null, limit: number): Promise<CatalogPage> {
  const conn = await db()
  const index = conn.transaction('images').store.index('by-created')
  let cursor = await index.openCursor(after ? IDBKeyRange.upperBound(after.createdAt) : null, 'prev')
  // Skip what the previous page already had (same createdAt, id not below the last one).
  while (cursor && after && cursor.key === after.createdAt && cursor.primaryKey >= after.id) cursor = await cursor.continue()
  const records: ImageRecord[] = []
  let damaged = 0
  let last: CatalogCursor | null = null
  while (cursor && records.length + damaged < limit) {
    const record = parseRecord(cursor.value)
    if (record) records.push(record)
    else damaged++
    last = { createdAt: createdOf(cursor.value), id: cursor.primaryKey }
    cursor = await cursor.continue()
  }
  return { records, damaged, end: cursor ? last : null }
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

export async function readThumb(db: DBProvider, id: string): Promise<Blob | null> {
  return (await (await db()).get('thumbs', id))?.blob ?? null
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
