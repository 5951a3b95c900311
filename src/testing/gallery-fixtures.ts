/** Test fixtures for the gallery: records built from the schema, and fresh databases. */
import { DB_NAME, openStudioDB, resetStudioDBForTests, studioDB } from '../lib/db.ts'
import { ImageRecord, type ImageRecordInput } from '../lib/records.ts'
import { parseThumb, thumbBlob } from '../lib/thumb-rows.ts'
import { pngBytes } from './image-bytes.ts'
import { resetPrefetchForTests } from '../features/gallery/api/gallery-prefetch.ts'
import type { DBProvider } from '../features/gallery/api/gallery-repo.ts'

let serial = 0

export function makeRecord(patch: Partial<ImageRecordInput> = {}): ImageRecord {
  serial++
  return ImageRecord.parse({
    id: `img-${serial}`,
    createdAt: 1_760_000_000_000 + serial * 1000,
    kind: 't2i',
    model: 'qwen-image-plus',
    region: 'singapore',
    prompt: `A poster number ${serial}`,
    size: '1328*1328',
    width: 1328,
    height: 1328,
    seed: serial,
    promptExtend: true,
    watermark: false,
    bytes: 0,
    ...patch,
  })
}

/** A record with a real PNG and a thumbnail, sizes filled in. */
export function makeImage(patch: Partial<ImageRecordInput> = {}, grey = 100) {
  const blob = new Blob([pngBytes(6, 4, grey) as Uint8Array<ArrayBuffer>], { type: 'image/png' })
  const thumb = new Blob([pngBytes(3, 2, grey) as Uint8Array<ArrayBuffer>], { type: 'image/webp' })
  return { record: makeRecord({ bytes: blob.size, ...patch }), blob, thumb }
}

let dbSerial = 0

/** A fresh, uniquely named studio database. */
export function freshDB(): DBProvider {
  const conn = openStudioDB(`gallery-test-${Date.now()}-${dbSerial++}`)
  return () => conn
}

export async function bytesOf(blob: Blob | null | undefined): Promise<number[]> {
  return blob ? [...new Uint8Array(await blob.arrayBuffer())] : []
}

/** The bytes of a stored thumbnail row, whichever shape it has ([] when missing or damaged). */
export async function thumbBytesOf(row: unknown): Promise<number[]> {
  const thumb = parseThumb(row)
  return thumb ? bytesOf(thumbBlob(thumb)) : []
}

/** After a test on the studio's own database: forgets the prefetch, closes the database and deletes it. */
export async function deleteStudioDB() {
  resetPrefetchForTests()
  ;(await studioDB()).close()
  resetStudioDBForTests()
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME)
    req.onsuccess = req.onerror = resolve
  })
}
