/** The Download action: the stored bytes, with the parameters stamped in when it is a PNG. */
import type { ImageRecord } from '../../../lib/records.ts'
import { downloadName } from '../format.ts'
import { saveFile } from '../files/save-file.ts'
import { defaultDB, readImageBytes, type DBProvider } from './gallery-repo.ts'

export async function stampedImage(record: ImageRecord, db: DBProvider = defaultDB): Promise<{ blob: Blob; filename: string }> {
  // The PNG code loads with the first download (it is not needed to show the gallery).
  const { stampImageBytes } = await import('../files/stamp-image.ts')
  const stored = await readImageBytes(db, record.id)
  if (!stored) throw new Error('The image bytes are missing from this browser’s storage.')
  const tail = record.seed !== undefined ? String(record.seed) : record.id.slice(-6)
  const stamped = stampImageBytes(record, new Uint8Array(await stored.arrayBuffer()))
  if (!stamped) {
    const extension = stored.type.split('/')[1]?.replace('jpeg', 'jpg') || 'bin'
    return { blob: stored, filename: downloadName(record.prompt, tail, extension) }
  }
  return { blob: new Blob([stamped], { type: 'image/png' }), filename: downloadName(record.prompt, tail, 'png') }
}

export async function downloadImage(record: ImageRecord): Promise<void> {
  const { blob, filename } = await stampedImage(record)
  saveFile(blob, filename)
}
