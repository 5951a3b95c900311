/** The pixel work of the OCR preparation (gray-image.worker.ts), kept apart so it can be tested. */
import { INK } from '../../shared/text-check.ts'

/** Grey by luminance (Rec. 709), a byte a pixel. */
export function luminance(rgba: Uint8ClampedArray): Uint8Array {
  const grey = new Uint8Array(rgba.length / 4)
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round(0.2126 * rgba[i * 4]! + 0.7152 * rgba[i * 4 + 1]! + 0.0722 * rgba[i * 4 + 2]!)
  return grey
}

/** Ink black (0) where a pixel is darker than its neighbourhood's mean by INK.contrast, paper (255) elsewhere; an integral image keeps it linear. */
export function inkOnly(grey: Uint8Array, width: number, height: number): Uint8Array {
  const stride = width + 1
  const sums = new Float64Array(stride * (height + 1))
  for (let y = 0; y < height; y++) {
    let row = 0
    for (let x = 0; x < width; x++) {
      row += grey[y * width + x]!
      sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1]! + row
    }
  }
  const half = Math.max(1, Math.round((width * INK.window) / 2))
  const ink = new Uint8Array(grey.length)
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - half)
    const y1 = Math.min(height, y + half + 1)
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - half)
      const x1 = Math.min(width, x + half + 1)
      const sum = sums[y1 * stride + x1]! - sums[y0 * stride + x1]! - sums[y1 * stride + x0]! + sums[y0 * stride + x0]!
      const mean = sum / ((x1 - x0) * (y1 - y0))
      ink[y * width + x] = grey[y * width + x]! < mean * (1 - INK.contrast) ? 0 : 255
    }
  }
  return ink
}

/** A binary PGM (P5): the header, then a byte a pixel. */
export function pgm(pixels: Uint8Array, width: number, height: number): Blob {
  return new Blob([`P5\n${width} ${height}\n255\n`, pixels as Uint8Array<ArrayBuffer>], { type: 'image/x-portable-graymap' })
}
