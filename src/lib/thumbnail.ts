/** Grid thumbnails, made in the browser: WebP, longest side THUMB_PX. */
export const THUMB_PX = 384

export interface Thumbnail {
  blob: Blob
  width: number
  height: number
}

const TYPE = 'image/webp'
const QUALITY = 0.82

/** Draws on an OffscreenCanvas where there is one, else on a detached <canvas>. */
async function encode(bitmap: ImageBitmap, width: number, height: number): Promise<Blob> {
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(width, height)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error('Cannot draw a thumbnail: no 2D canvas')
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(bitmap, 0, 0, width, height)
    return canvas.convertToBlob({ type: TYPE, quality: QUALITY })
  }
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('Cannot draw a thumbnail: no 2D canvas')
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(bitmap, 0, 0, width, height)
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Cannot encode a thumbnail'))), TYPE, QUALITY),
  )
}

export async function makeThumbnail(image: Blob, maxSide = THUMB_PX): Promise<Thumbnail & { sourceWidth: number; sourceHeight: number }> {
  const bitmap = await createImageBitmap(image)
  try {
    const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height))
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const blob = await encode(bitmap, width, height)
    return { blob, width, height, sourceWidth: bitmap.width, sourceHeight: bitmap.height }
  } finally {
    bitmap.close()
  }
}
