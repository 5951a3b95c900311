/** Fixes for edit inputs, done in the browser: resize keeping the ratio, re-encode to fit 10 MB. */
import { t } from '@lingui/core/macro'
import { fitsBytes, REENCODE_QUALITIES, type Dimensions } from './image-fit.ts'

async function draw(source: Blob, to?: Dimensions): Promise<OffscreenCanvas> {
  const bitmap = await createImageBitmap(source, to ? { resizeWidth: to.width, resizeHeight: to.height, resizeQuality: 'high' } : {})
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new Error(t`This browser cannot draw images (no 2D canvas).`)
    ctx.drawImage(bitmap, 0, 0)
    return canvas
  } finally {
    bitmap.close()
  }
}

/** Encodes as PNG when that fits, else as JPEG at falling quality until it fits. */
async function encodeToFit(canvas: OffscreenCanvas, preferPng: boolean): Promise<Blob> {
  if (preferPng) {
    const png = await canvas.convertToBlob({ type: 'image/png' })
    if (fitsBytes(png.size)) return png
  }
  for (const quality of REENCODE_QUALITIES) {
    const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality })
    if (fitsBytes(jpeg.size)) return jpeg
  }
  throw new Error(t`The image cannot be made smaller than 10 MB without resizing it.`)
}

export async function resizeImage(source: Blob, to: Dimensions): Promise<Blob> {
  return encodeToFit(await draw(source, to), source.type !== 'image/jpeg')
}

export async function reencodeToFit(source: Blob): Promise<Blob> {
  return encodeToFit(await draw(source), false)
}
