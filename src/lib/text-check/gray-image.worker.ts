/**
 * Prepares an image for OCR off the main thread: decoded, scaled and turned to grey by luminance.
 * Tesseract thresholds a colour image channel by channel, and on a colourful poster the channel
 * it picks can merge the text with its panel; a grey image keeps dark ink dark and a light panel light.
 */
interface Job {
  id: number
  image: Blob
  scale: number
}

self.onmessage = async (e: MessageEvent<Job>) => {
  const { id, image, scale } = e.data
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
    const pixels = ctx.getImageData(0, 0, width, height)
    const d = pixels.data
    for (let i = 0; i < d.length; i += 4) {
      const y = 0.2126 * d[i]! + 0.7152 * d[i + 1]! + 0.0722 * d[i + 2]!
      d[i] = d[i + 1] = d[i + 2] = y
    }
    ctx.putImageData(pixels, 0, 0)
    const blob = await canvas.convertToBlob({ type: 'image/png' })
    self.postMessage({ id, blob })
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
}
