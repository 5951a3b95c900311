/**
 * The gallery's reads and writes in IndexedDB. Records are re-parsed on read (a damaged one is
 * skipped and counted, never trusted); every write is one transaction (writeAtomically) and is
 * announced to other tabs.
 */
import type { IDBPDatabase } from 'idb'
import { studioDB, type StudioDB } from '../../../lib/db.ts'
import { broadcast, handled, writeAtomically } from '../../../lib/image-store.ts'
import { ImageRecord, type StoredThumb, type ThumbRow } from '../../../lib/records.ts'
import { detachThumb, parseThumb } from '../../../lib/thumb-rows.ts'

export type DBProvider = () => Promise<IDBPDatabase<StudioDB>>

export function parseRecord(value: unknown): ImageRecord | undefined {
  const parsed = ImageRecord.safeParse(value)
  return parsed.success ? parsed.data : undefined
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

type Waiter = { resolve: (thumb: StoredThumb | null) => void; reject: (error: unknown) => void }
const thumbBatches = new Map<DBProvider, Map<string, Waiter[]>>()

async function flushThumbs(db: DBProvider) {
  const batch = thumbBatches.get(db)
  thumbBatches.delete(db)
  if (!batch) return
  try {
    const store = (await db()).transaction('thumbs').store
    await Promise.all(
      [...batch].map(async ([id, waiters]) => {
        const thumb = parseThumb(await store.get(id)) ?? null
        for (const w of waiters) w.resolve(thumb)
      }),
    )
  } catch (error) {
    for (const waiters of batch.values()) for (const w of waiters) w.reject(error)
  }
}

/** A thumbnail; the reads asked for in the same task share one transaction (a screenful at once). */
export function readThumb(db: DBProvider, id: string): Promise<StoredThumb | null> {
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
  thumb: ThumbRow | null
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
      return { id, record, bytes: bytes?.blob, thumb: parseThumb(thumb) }
    }),
  )
  const found = rows.filter((r) => r.record !== undefined)
  const deleted: DeletedImage[] = await Promise.all(
    found.map(async (r) => ({
      id: r.id,
      record: r.record,
      blob: await detach(r.bytes),
      thumb: r.thumb ? await detachThumb(r.thumb, parseRecord(r.record)?.createdAt) : null,
    })),
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
        ...(d.thumb ? [handled(tx.objectStore('thumbs').put(d.thumb))] : []),
      ]),
    ),
  )
  broadcast({ type: 'images-changed', ids: deleted.map((d) => d.id) })
}

export const defaultDB: DBProvider = studioDB
