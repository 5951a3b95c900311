/**
 * Reading kept images from IndexedDB: records (re-parsed on read; a damaged one counts as missing,
 * never trusted), bytes, thumbnails (batched) and lineage. The one place these reads are written;
 * their caching is image-data.ts.
 */
import type { IDBPDatabase } from 'idb'
import { studioDB, type StudioDB } from './db.ts'
import { ImageRecord, type StoredThumb } from './records.ts'
import { parseThumb } from './thumb-rows.ts'

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

/** The full image's bytes, or null when they are not stored. */
export async function readImageBytes(db: DBProvider, id: string): Promise<Blob | null> {
  return (await (await db()).get('imageBytes', id))?.blob ?? null
}

/** Ids of the images made from this one (edits that took it as an input), oldest first. */
export async function readChildren(db: DBProvider, id: string): Promise<string[]> {
  return (await db()).getAllKeysFromIndex('images', 'by-parent', id)
}

export const defaultDB: DBProvider = studioDB
