/**
 * The Download action: PNG as kept, with the parameters stamped in; or JPEG / WebP at a chosen
 * quality, carrying the same parameters as XMP. Also the image on the clipboard, as PNG.
 */
import { t } from '@lingui/core/macro'
import type { ImageRecord } from '../../../lib/records.ts'
import type { LossyFormat } from '../files/encode-image.ts'
import { downloadName } from '../format.ts'
import { saveFile } from '../files/save-file.ts'
import { defaultDB, readImageBytes, type DBProvider } from './gallery-repo.ts'

export type DownloadFormat = 'png' | LossyFormat

async function storedBlob(record: ImageRecord, db: DBProvider): Promise<Blob> {
  const stored = await readImageBytes(db, record.id)
  if (!stored) throw new Error(t`The image bytes are missing from this browser’s storage.`)
  return stored
}

const tailOf = (record: ImageRecord) => (record.seed !== undefined ? String(record.seed) : record.id.slice(-6))

export async function stampedImage(record: ImageRecord, db: DBProvider = defaultDB): Promise<{ blob: Blob; filename: string }> {
  // The file code loads with the first download (it is not needed to show the gallery).
  const { stampImageBytes } = await import('../files/stamp-image.ts')
  const stored = await storedBlob(record, db)
  const stamped = stampImageBytes(record, new Uint8Array(await stored.arrayBuffer()))
  if (!stamped) {
    const extension = stored.type.split('/')[1]?.replace('jpeg', 'jpg') || 'bin'
    return { blob: stored, filename: downloadName(record.prompt, tailOf(record), extension) }
  }
  return { blob: new Blob([stamped], { type: 'image/png' }), filename: downloadName(record.prompt, tailOf(record), 'png') }
}

/** The image as JPEG or WebP at `quality` (1-100), with the parameters as XMP. */
export async function lossyImage(
  record: ImageRecord,
  format: LossyFormat,
  quality: number,
  db: DBProvider = defaultDB,
): Promise<{ blob: Blob; filename: string }> {
  const [{ reencode }, { xmpPacket }, { insertJpegXmp }, { insertWebpXmp }, { paramsFromRecord }] = await Promise.all([
    import('../files/encode-image.ts'),
    import('../files/xmp.ts'),
    import('../files/jpeg-xmp.ts'),
    import('../files/webp-xmp.ts'),
    import('../files/studio-params.ts'),
  ])
  const type = `image/${format}` as const
  const encoded = await reencode(await storedBlob(record, db), type, quality / 100)
  const packet = xmpPacket(paramsFromRecord(record))
  const bytes = format === 'jpeg' ? insertJpegXmp(encoded.bytes, packet) : insertWebpXmp(encoded.bytes, packet, encoded)
  return { blob: new Blob([bytes], { type }), filename: downloadName(record.prompt, tailOf(record), format === 'jpeg' ? 'jpg' : 'webp') }
}

export async function downloadImage(record: ImageRecord, format: DownloadFormat = 'png', quality = 90): Promise<void> {
  const { blob, filename } = format === 'png' ? await stampedImage(record) : await lossyImage(record, format, quality)
  saveFile(blob, filename)
}

/** The image on the clipboard as PNG (the one image type every browser's clipboard takes). */
export async function copyImage(record: ImageRecord): Promise<void> {
  // The blob is handed over as a promise, so the click's permission to write holds while it is made.
  const png = (async () => {
    const { blob } = await stampedImage(record)
    if (blob.type === 'image/png') return blob
    const { reencode } = await import('../files/encode-image.ts')
    return new Blob([(await reencode(blob, 'image/png')).bytes], { type: 'image/png' })
  })()
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })])
}
