/**
 * An XMP packet in a WebP (RIFF) file: an 'XMP ' chunk, announced by the XMP flag of a VP8X header.
 * A simple-format file (a lone 'VP8 ' or 'VP8L' chunk, as canvas encoders write) gets a VP8X header
 * with the canvas size; an extended one gets the flag set. Chunk order follows the container spec.
 */
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const fourCC = (b: Uint8Array, at: number) => String.fromCharCode(...b.subarray(at, at + 4))
const XMP_FLAG = 0x04
const ALPHA_FLAG = 0x10

export function isWebp(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && fourCC(bytes, 0) === 'RIFF' && fourCC(bytes, 8) === 'WEBP'
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1))
  out.set(ascii(type))
  new DataView(out.buffer).setUint32(4, data.length, true)
  out.set(data, 8)
  return out
}

function chunks(webp: Uint8Array): { type: string; data: Uint8Array }[] {
  const view = new DataView(webp.buffer, webp.byteOffset, webp.byteLength)
  const list = []
  for (let at = 12; at + 8 <= webp.length;) {
    const size = view.getUint32(at + 4, true)
    list.push({ type: fourCC(webp, at), data: webp.subarray(at + 8, at + 8 + size) })
    at += 8 + size + (size & 1)
  }
  return list
}

function vp8x(flags: number, width: number, height: number): Uint8Array {
  const data = new Uint8Array(10)
  data[0] = flags
  const w = width - 1
  const h = height - 1
  data.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 4)
  return data
}

export function insertWebpXmp(webp: Uint8Array, packet: string, size: { width: number; height: number }): Uint8Array<ArrayBuffer> {
  if (!isWebp(webp)) throw new Error('Not a WebP file')
  const xmp = new TextEncoder().encode(packet)
  let list = chunks(webp).filter((c) => c.type !== 'XMP ')
  if (list[0]?.type === 'VP8X') {
    const header = list[0].data.slice()
    header[0] = header[0]! | XMP_FLAG
    list = [{ type: 'VP8X', data: header }, ...list.slice(1)]
  } else {
    // VP8L keeps an "alpha is used" bit after its 28 bits of size
    const image = list.find((c) => c.type === 'VP8L')
    const alpha = image && image.data.length >= 5 && (image.data[4]! & 0x10) !== 0
    list = [{ type: 'VP8X', data: vp8x(XMP_FLAG | (alpha ? ALPHA_FLAG : 0), size.width, size.height) }, ...list]
  }
  const body = [...list.map((c) => chunk(c.type, c.data)), chunk('XMP ', xmp)]
  const length = body.reduce((n, c) => n + c.length, 4)
  const out = new Uint8Array(8 + length)
  out.set(ascii('RIFF'))
  new DataView(out.buffer).setUint32(4, length, true)
  out.set(ascii('WEBP'), 8)
  let at = 12
  for (const c of body) {
    out.set(c, at)
    at += c.length
  }
  return out
}
