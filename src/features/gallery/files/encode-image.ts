/** Re-encoding a kept image in the browser (canvas), for JPEG / WebP downloads and the clipboard. */
import { t } from '@lingui/core/macro'

export type LossyFormat = 'jpeg' | 'webp'

/** The image drawn on a canvas and encoded as `type` (quality 0-1 for the lossy types). */
export async function reencode(
  image: Blob,
  type: 'image/png' | `image/${LossyFormat}`,
  quality?: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; width: number; height: number }> {
  const bitmap = await createImageBitmap(image)
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error(t`This browser cannot draw the image to convert it.`)
    if (type === 'image/jpeg') {
      // JPEG has no transparency: what is transparent becomes white, not black
      ctx.fillStyle = '#fff'
      ctx.fillRect(0, 0, bitmap.width, bitmap.height)
    }
    ctx.drawImage(bitmap, 0, 0)
    const blob = await canvas.convertToBlob({ type, quality })
    const format = type.slice(6).toUpperCase()
    if (blob.type !== type) throw new Error(t`This browser cannot write ${format} images.`)
    return { bytes: new Uint8Array(await blob.arrayBuffer()), width: bitmap.width, height: bitmap.height }
  } finally {
    bitmap.close()
  }
}
