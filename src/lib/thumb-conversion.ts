/**
 * The part of the v4 upgrade (db.ts) that cannot run inside it: rewriting thumbnails stored as
 * Blobs into inline rows. It runs after open, in the background, a batch per transaction.
 */
import type { IDBPDatabase } from 'idb'
import { LEGACY_THUMBS, type StudioDB } from './db.ts'
import { handled, writeAtomically } from './image-store.ts'
import { ImageRecord, type ThumbRow } from './records.ts'
import { parseThumb, thumbRow } from './thumb-rows.ts'

export interface ConvertOptions {
  /** Rows read per transaction. */
  batch?: number
  /** Between batches, so the studio's own reads get their turn at the database. */
  pauseMs?: number
}

const isLegacy = (value: unknown) => {
  const row = parseThumb(value)
  return row !== undefined && 'blob' in row
}

/**
 * Converts every Blob row of the thumbs store (taking its image's creation time, for the
 * by-created index) and then removes the LEGACY_THUMBS note; does nothing when there is no note.
 * A row's bytes are read between transactions, and a row that was deleted or rewritten in the
 * meantime is left as it is. Safe to interrupt (the note stays, and the next start carries on)
 * and to run in two tabs at once. Returns the number of rows rewritten.
 */
export async function convertLegacyThumbs(
  conn: IDBPDatabase<StudioDB>,
  { batch = 100, pauseMs = 50 }: ConvertOptions = {},
): Promise<number> {
  if (!(await conn.get('meta', LEGACY_THUMBS))) return 0
  let converted = 0
  let after: string | undefined
  for (;;) {
    const rows = await conn.getAll('thumbs', after === undefined ? null : IDBKeyRange.lowerBound(after, true), batch)
    if (rows.length === 0) break
    after = rows.at(-1)!.id
    const read = await Promise.all(
      rows.map(async (value) => {
        const row = parseThumb(value)
        if (!row || !('blob' in row)) return undefined
        // a Blob whose row was deleted since may not be readable: nothing left to convert then
        return thumbRow({ id: row.id }, row.blob).catch(() => undefined)
      }),
    )
    const inline = read.filter((r): r is ThumbRow => r !== undefined)
    if (inline.length)
      converted += await writeAtomically(conn, ['images', 'thumbs'], async (tx) => {
        const store = tx.objectStore('thumbs')
        const [current, records] = await Promise.all([
          Promise.all(inline.map((r) => handled(store.get(r.id)))),
          Promise.all(inline.map((r) => handled(tx.objectStore('images').get(r.id)))),
        ])
        const due = inline.flatMap((r, i) =>
          isLegacy(current[i]) ? [{ ...r, createdAt: ImageRecord.safeParse(records[i]).data?.createdAt }] : [],
        )
        await Promise.all(due.map((r) => handled(store.put(r))))
        return due.length
      })
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
  }
  await conn.delete('meta', LEGACY_THUMBS)
  return converted
}
