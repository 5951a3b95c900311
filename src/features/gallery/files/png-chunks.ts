/**
 * PNG chunks: split a PNG into its chunks (checking each CRC) and write chunks back into a PNG.
 * Works on Uint8Array only (no Node Buffer), so it runs in the browser and in tests.
 */
import { crc32 } from './crc32.ts'

export const PNG_SIGNATURE = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10)

export interface PngChunk {
  /** Four ASCII letters, e.g. 'IHDR', 'tEXt'. */
  type: string
  data: Uint8Array
}

export interface ExtractedChunk extends PngChunk {
  crc: number
  /** Whether the stored CRC matches the chunk's type and data. */
  crcOk: boolean
}

export class PngFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PngFormatError'
  }
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b)
}

const typeBytes = (type: string) => Uint8Array.from(type, (c) => c.charCodeAt(0))

export function chunkCrc(type: string, data: Uint8Array): number {
  return crc32(data, crc32(typeBytes(type)))
}

/** The chunks of a PNG, in file order, up to and including IEND. */
export function extractChunks(bytes: Uint8Array): ExtractedChunk[] {
  if (!isPng(bytes)) throw new PngFormatError('Not a PNG file')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const chunks: ExtractedChunk[] = []
  let at = PNG_SIGNATURE.length
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw new PngFormatError('Truncated PNG chunk')
    const length = view.getUint32(at)
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8))
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngFormatError(`Bad PNG chunk type at byte ${at}`)
    const end = at + 12 + length
    if (end > bytes.length) throw new PngFormatError(`Truncated PNG chunk ${type}`)
    const data = bytes.subarray(at + 8, at + 8 + length)
    const crc = view.getUint32(at + 8 + length)
    chunks.push({ type, data, crc, crcOk: crc === chunkCrc(type, data) })
    at = end
    if (type === 'IEND') break
  }
  if (chunks.at(-1)?.type !== 'IEND') throw new PngFormatError('PNG has no IEND chunk')
  return chunks
}

/** A PNG made of `chunks` (a valid stored CRC is reused, others are computed). */
export function encodeChunks(chunks: readonly (PngChunk | ExtractedChunk)[]): Uint8Array<ArrayBuffer> {
  const size = chunks.reduce((n, c) => n + 12 + c.data.length, PNG_SIGNATURE.length)
  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  out.set(PNG_SIGNATURE, 0)
  let at = PNG_SIGNATURE.length
  for (const chunk of chunks) {
    if (!/^[A-Za-z]{4}$/.test(chunk.type)) throw new PngFormatError(`Bad PNG chunk type ${JSON.stringify(chunk.type)}`)
    view.setUint32(at, chunk.data.length)
    out.set(typeBytes(chunk.type), at + 4)
    out.set(chunk.data, at + 8)
    const crc = 'crcOk' in chunk && chunk.crcOk ? chunk.crc : chunkCrc(chunk.type, chunk.data)
    view.setUint32(at + 8 + chunk.data.length, crc)
    at += 12 + chunk.data.length
  }
  return out
}

/**
 * The PNG with `added` inserted just before the first IDAT, after dropping existing chunks for
 * which `drop` is true (e.g. older copies of the same text keywords). Before the pixels, because
 * readers that stop at the image data (Pillow before load(), A1111's PNG info, exiftool's warning)
 * never see text written after it.
 */
export function insertChunks(
  bytes: Uint8Array,
  added: readonly PngChunk[],
  drop: (c: ExtractedChunk) => boolean = () => false,
): Uint8Array<ArrayBuffer> {
  const chunks = extractChunks(bytes).filter((c) => !drop(c))
  const firstData = chunks.findIndex((c) => c.type === 'IDAT')
  if (firstData < 0) throw new PngFormatError('PNG has no IDAT chunk')
  return encodeChunks([...chunks.slice(0, firstData), ...added, ...chunks.slice(firstData)])
}
