/**
 * Tiny image byte fixtures for tests: headers that real decoders and image-size read, built by hand
 * so tests do not depend on a renderer. `pngBytes` is a complete, valid PNG (one grey pixel row
 * repeated), small enough to build at any size.
 */
import { zlibSync } from 'fflate'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]

function chunk(type: string, data: Uint8Array): number[] {
  const head = [...type].map((c) => c.charCodeAt(0))
  const body = new Uint8Array([...head, ...data])
  return [...be32(data.length), ...body, ...be32(crc32(body))]
}

/** A valid greyscale PNG of width x height. */
export function pngBytes(width: number, height: number, grey = 128): Uint8Array {
  const ihdr = new Uint8Array([...be32(width), ...be32(height), 8, 0, 0, 0, 0])
  const raw = new Uint8Array((width + 1) * height)
  for (let y = 0; y < height; y++) raw.fill(grey, y * (width + 1) + 1, (y + 1) * (width + 1))
  const idat = zlibSync(raw)
  return new Uint8Array([
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', idat),
    ...chunk('IEND', new Uint8Array()),
  ])
}

/** A JPEG header (SOI + SOF0) with the given size; enough for format and dimension sniffing. */
export function jpegHeaderBytes(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0,
    17,
    8,
    (height >> 8) & 255,
    height & 255,
    (width >> 8) & 255,
    width & 255,
    3,
    1,
    0x22,
    0,
    2,
    0x11,
    1,
    3,
    0x11,
    1,
    0xff,
    0xd9,
  ])
}

export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

export function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${toBase64(bytes)}`
}
