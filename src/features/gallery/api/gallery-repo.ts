/**
 * The gallery's reads and writes in IndexedDB. Records are re-parsed on read (a damaged one is
 * skipped and counted, never trusted); every write is one transaction (writeAtomically) and is
 * announced to other tabs.
 */
import { parseRecord, type DBProvider } from '../../../lib/image-reads.ts'
import { handled, writeAtomically } from '../../../lib/image-store.ts'
import type { ImageRecord, ThumbRow } from '../../../lib/records.ts'
import { broadcast } from '../../../lib/studio-bus.ts'
import { detachThumb, parseThumb } from '../../../lib/thumb-rows.ts'

// The reads live with the rest of the studio's image data (lib/image-reads.ts); the gallery's
// modules keep importing them from here.
export { countImages, defaultDB, parseRecord, readImageBytes, readRecords, type DBProvider } from '../../../lib/image-reads.ts'

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
