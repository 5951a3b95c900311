import { describe, expect, it } from 'vitest'
import { inkOnly, luminance, pgm } from './ocr-prepare.ts'

/** A 200x100 grey image: mid-grey background, a darker disc, a light panel with dark strokes on it. */
function poster() {
  const width = 200
  const height = 100
  const grey = new Uint8Array(width * height).fill(120)
  const at = (x: number, y: number) => y * width + x
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x - 40) ** 2 + (y - 70) ** 2 < 25 ** 2) grey[at(x, y)] = 90
  for (let y = 30; y < 60; y++) for (let x = 50; x < 170; x++) grey[at(x, y)] = 230
  const strokes: [number, number][] = []
  for (let y = 38; y < 52; y++)
    for (const x of [70, 71, 90, 91, 110, 111, 130, 131]) {
      grey[at(x, y)] = 60
      strokes.push([x, y])
    }
  return { width, height, grey, at, strokes }
}

describe('OCR preparation', () => {
  it('keeps only strokes darker than their surroundings as ink: not the background or a darker shape', () => {
    const { width, height, grey, at, strokes } = poster()
    const ink = inkOnly(grey, width, height)
    for (const [x, y] of strokes) expect(ink[at(x, y)]).toBe(0)
    // the flat background, the inside of the darker disc and the panel are paper
    for (const [x, y] of [
      [5, 5],
      [190, 90],
      [40, 70],
      [60, 35],
      [150, 55],
    ] as const)
      expect(ink[at(x, y)]).toBe(255)
    // a threshold for the whole image between panel and background would ink both background and
    // disc (most of the image); here only the strokes and thin bands along the edges are ink
    const inked = ink.filter((v) => v === 0).length
    expect(inked / ink.length).toBeLessThan(0.15)
  })

  it('turns RGBA into grey by luminance and writes a binary PGM', async () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 255, 0, 0, 0, 255, 0, 255, 0, 255])
    expect([...luminance(rgba)]).toEqual([255, 0, 182])
    const file = pgm(new Uint8Array([1, 2, 3, 4, 5, 6]), 3, 2)
    const bytes = new Uint8Array(await file.arrayBuffer())
    expect(new TextDecoder().decode(bytes.slice(0, 11))).toBe('P5\n3 2\n255\n')
    expect([...bytes.slice(11)]).toEqual([1, 2, 3, 4, 5, 6])
  })
})
