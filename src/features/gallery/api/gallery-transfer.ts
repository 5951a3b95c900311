/**
 * Export and import of the gallery as a zip. Export reads one image at a time; import writes
 * records + bytes + thumbnails in one transaction per batch, keeping what is already there
 * (same id) untouched.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { handled, writeAtomically } from '../../../lib/image-store.ts'
import { broadcast } from '../../../lib/studio-bus.ts'
import type { ImageRecord } from '../../../lib/records.ts'
import { makeThumbnail } from '../../../lib/thumbnail.ts'
import { parseThumb, thumbBlob, thumbRow, thumbRowFromBytes } from '../../../lib/thumb-rows.ts'
import type { ZipEntry } from '../files/gallery-zip.ts'
import { saveFile } from '../files/save-file.ts'
import { defaultDB, parseRecord, type DBProvider } from './gallery-repo.ts'
import { applyImageChanges } from './gallery-sync.ts'

const IMPORT_BATCH = 25

/** Every record id, newest first (damaged records are left out). */
async function allRecords(db: DBProvider): Promise<ImageRecord[]> {
  const conn = await db()
  const out: ImageRecord[] = []
  let cursor = await conn.transaction('images').store.index('by-created').openCursor(null, 'prev')
  while (cursor) {
    const record = parseRecord(cursor.value)
    if (record) out.push(record)
    cursor = await cursor.continue()
  }
  return out
}

async function* entries(db: DBProvider, records: readonly ImageRecord[]): AsyncGenerator<ZipEntry> {
  for (const record of records) {
    const tx = (await db()).transaction(['imageBytes', 'thumbs'])
    const [bytes, thumb] = await Promise.all([tx.objectStore('imageBytes').get(record.id), tx.objectStore('thumbs').get(record.id)])
    const stored = parseThumb(thumb)
    if (bytes) yield { record, image: bytes.blob, thumb: stored ? thumbBlob(stored) : null }
  }
}

/** A zip of the given images (all when `ids` is undefined). */
export async function exportGallery(db: DBProvider, ids?: readonly string[]): Promise<{ zip: Blob; count: number }> {
  let records = await allRecords(db)
  if (ids) {
    const wanted = new Set(ids)
    records = records.filter((r) => wanted.has(r.id))
  }
  const { writeGalleryZip } = await import('../files/gallery-zip.ts') // zip code loads with the first export or import
  return writeGalleryZip(entries(db, records))
}

export interface ImportResult {
  imported: number
  /** Already in the gallery (same id): left as they were. */
  present: number
  /** Unreadable records, or records without their image. */
  skipped: number
  ids: string[]
}

export interface ImportOptions {
  /** Makes a thumbnail when the zip has none (default: the browser's canvas). */
  makeThumb?: (image: Blob) => Promise<Blob | null>
}

const browserThumb = (image: Blob) =>
  makeThumbnail(image).then(
    (t) => t.blob,
    () => null,
  )

export async function importGallery(db: DBProvider, zip: Blob, opts: ImportOptions = {}): Promise<ImportResult> {
  const { readGalleryZip } = await import('../files/gallery-zip.ts')
  const { images, damaged } = await readGalleryZip(new Uint8Array(await zip.arrayBuffer()))
  const makeThumb = opts.makeThumb ?? browserThumb
  const result: ImportResult = { imported: 0, present: 0, skipped: damaged, ids: [] }
  const conn = await db()
  for (let i = 0; i < images.length; i += IMPORT_BATCH) {
    const batch = await Promise.all(
      images.slice(i, i + IMPORT_BATCH).map(async (img) => {
        const blob = new Blob([img.image], { type: img.record.mime })
        const made = img.thumb ? null : await makeThumb(blob)
        const thumb = img.thumb
          ? thumbRowFromBytes(img.record, img.thumb.bytes, img.thumb.type)
          : made && (await thumbRow(img.record, made))
        return { record: img.record, blob, thumb }
      }),
    )
    const added = await writeAtomically(conn, ['images', 'imageBytes', 'thumbs'], async (tx) => {
      const present = await Promise.all(batch.map((b) => handled(tx.objectStore('images').getKey(b.record.id))))
      const fresh = batch.filter((_, j) => present[j] === undefined)
      await Promise.all(
        fresh.flatMap((b) => [
          handled(tx.objectStore('images').put(b.record)),
          handled(tx.objectStore('imageBytes').put({ id: b.record.id, blob: b.blob })),
          ...(b.thumb ? [handled(tx.objectStore('thumbs').put(b.thumb))] : []),
        ]),
      )
      return fresh.map((b) => b.record.id)
    })
    result.imported += added.length
    result.present += batch.length - added.length
    result.ids.push(...added)
    if (added.length) broadcast({ type: 'images-changed', ids: added })
  }
  return result
}

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-')

/** Exports (all, or the ids given) and hands the zip to the browser as a download. */
export function useExportGallery() {
  return useMutation({
    networkMode: 'always',
    mutationFn: async (ids?: readonly string[]) => {
      const result = await exportGallery(defaultDB, ids)
      saveFile(result.zip, `qwen-image-studio-${ids ? 'selection' : 'gallery'}-${stamp(new Date())}.zip`)
      return result
    },
  })
}

export function useImportGallery() {
  const qc = useQueryClient()
  return useMutation({
    networkMode: 'always',
    mutationFn: (zip: Blob) => importGallery(defaultDB, zip),
    onSuccess: (result) => applyImageChanges(qc, result.ids),
  })
}
