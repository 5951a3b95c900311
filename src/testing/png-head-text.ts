/**
 * A PNG head reader with Node's standard library only (node:zlib), written apart from the studio's
 * own PNG code on purpose: it reads chunks in order and STOPS AT THE FIRST IDAT, as Pillow does
 * before load() and as A1111's PNG-info path does. Text the studio wrote after the pixels is
 * invisible to it. Returns the text chunks it met, by keyword.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { inflateSync } from 'node:zlib'

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10])

export interface PngHead {
  texts: Record<string, string>
  /** Chunk types read, in order, up to (and including) the first IDAT. */
  chunks: string[]
}

export function readPngHeadText(bytes: Uint8Array): PngHead {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG')
  const texts: Record<string, string> = {}
  const chunks: string[] = []
  let at = 8
  while (at + 8 <= buf.length) {
    const length = buf.readUInt32BE(at)
    const type = buf.toString('latin1', at + 4, at + 8)
    chunks.push(type)
    if (type === 'IDAT' || type === 'IEND') break
    const data = buf.subarray(at + 8, at + 8 + length)
    const nul = data.indexOf(0)
    const keyword = data.toString('latin1', 0, nul)
    if (type === 'tEXt') texts[keyword] = data.toString('latin1', nul + 1)
    else if (type === 'zTXt') texts[keyword] = inflateSync(data.subarray(nul + 2)).toString('latin1')
    else if (type === 'iTXt') {
      const compressed = data[nul + 1] === 1
      const lang = data.indexOf(0, nul + 3)
      const translated = data.indexOf(0, lang + 1)
      const body = data.subarray(translated + 1)
      texts[keyword] = (compressed ? inflateSync(body) : body).toString('utf8')
    }
    at += 12 + length
  }
  return { texts, chunks }
}

/** The same question asked of png_head_text.py (Python standard library only), for a file on disk. */
export function pythonPngHeadText(file: string): Record<string, string> {
  const script = fileURLToPath(new URL('./png_head_text.py', import.meta.url))
  return JSON.parse(execFileSync('python3', [script, file], { encoding: 'utf8' })) as Record<string, string>
}
