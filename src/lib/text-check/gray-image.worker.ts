/**
 * Prepares an image for OCR off the main thread: decoded, scaled and turned to grey by luminance.
 * Tesseract thresholds a colour image channel by channel, and on a colourful poster the channel
 * it picks can merge the text with its panel; a grey image keeps dark ink dark and a light panel
 * light. The `ink` preparation goes further (INK in shared/text-check.ts): only strokes darker
 * than their surroundings stay dark. The answer is a binary PGM (8-bit grey, no compression):
 * nothing to encode here or to decode in tesseract.
 */
import type { OcrPrepare } from '../../shared/text-check.ts'
import { inkOnly, luminance, pgm } from './ocr-prepare.ts'

interface Job {
  id: number
  image: Blob
  scale: number
  prepare: OcrPrepare
}

self.onmessage = async (e: MessageEvent<Job>) => {
  const { id, image, scale, prepare } = e.data
  try {
    const bitmap = await createImageBitmap(image)
    const width = Math.max(1, Math.round(bitmap.width * scale))
    const height = Math.max(1, Math.round(bitmap.height * scale))
    const canvas = new OffscreenCanvas(width, height)
    const ctx = canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) throw new Error('no 2D canvas in this worker')
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(bitmap, 0, 0, width, height)
    bitmap.close()
    const grey = luminance(ctx.getImageData(0, 0, width, height).data)
    const blob = pgm(prepare === 'ink' ? inkOnly(grey, width, height) : grey, width, height)
    self.postMessage({ id, blob })
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}
