/**
 * PNG text chunks (PNG spec 11.3.4): tEXt (Latin-1), zTXt (Latin-1, zlib) and iTXt (UTF-8,
 * optionally zlib). Writing picks tEXt when the text is Latin-1 and iTXt otherwise, as Pillow does,
 * so Chinese prompts survive.
 */
import { unzlibSync, zlibSync } from 'fflate'
import type { PngChunk } from './png-chunks.ts'

export interface PngText {
  keyword: string
  text: string
  type: 'tEXt' | 'zTXt' | 'iTXt'
}

const utf8 = new TextEncoder()
const utf8Decoder = new TextDecoder('utf-8', { fatal: false })

/** True when every character is in Latin-1 and not NUL (what tEXt can hold). */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0 || c > 0xff) return false
  }
  return true
}

function latin1Bytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0))
}

/** Byte-for-byte Latin-1 (not windows-1252, which TextDecoder would use for 'latin1'). */
function latin1Text(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return s
}

/** 1–79 printable Latin-1 characters, no leading, trailing or double spaces. */
export function assertKeyword(keyword: string) {
  const ok = /^[\u0020-\u007e\u00a1-\u00ff]{1,79}$/.test(keyword) && !/^ | $| {2}/.test(keyword)
  if (!ok) throw new Error(`Invalid PNG text keyword ${JSON.stringify(keyword)}`)
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const NUL = Uint8Array.of(0)

export function tEXtChunk(keyword: string, text: string): PngChunk {
  assertKeyword(keyword)
  if (!isLatin1(text)) throw new Error('tEXt holds Latin-1 text only: use an iTXt chunk')
  return { type: 'tEXt', data: concat(latin1Bytes(keyword), NUL, latin1Bytes(text)) }
}

export function iTXtChunk(keyword: string, text: string, opts: { compress?: boolean } = {}): PngChunk {
  assertKeyword(keyword)
  const body = opts.compress ? zlibSync(utf8.encode(text)) : utf8.encode(text)
  // keyword NUL, compression flag, method 0, empty language tag NUL, empty translated keyword NUL
  const header = Uint8Array.of(opts.compress ? 1 : 0, 0, 0, 0)
  return { type: 'iTXt', data: concat(latin1Bytes(keyword), NUL, header, body) }
}

/** tEXt when the text is Latin-1, else iTXt (same keyword). */
export function textChunk(keyword: string, text: string): PngChunk {
  return isLatin1(text) ? tEXtChunk(keyword, text) : iTXtChunk(keyword, text)
}

/** The keyword and text of a tEXt, zTXt or iTXt chunk; undefined for other or malformed chunks. */
export function decodeTextChunk(chunk: PngChunk): PngText | undefined {
  const { type, data } = chunk
  if (type !== 'tEXt' && type !== 'zTXt' && type !== 'iTXt') return undefined
  const nul = data.indexOf(0)
  if (nul < 1) return undefined
  const keyword = latin1Text(data.subarray(0, nul))
  try {
    if (type === 'tEXt') return { type, keyword, text: latin1Text(data.subarray(nul + 1)) }
    if (type === 'zTXt') {
      if (data[nul + 1] !== 0) return undefined
      return { type, keyword, text: latin1Text(unzlibSync(data.subarray(nul + 2))) }
    }
    const compressed = data[nul + 1] === 1
    if (compressed && data[nul + 2] !== 0) return undefined
    const langEnd = data.indexOf(0, nul + 3)
    if (langEnd < 0) return undefined
    const translatedEnd = data.indexOf(0, langEnd + 1)
    if (translatedEnd < 0) return undefined
    const body = data.subarray(translatedEnd + 1)
    return { type, keyword, text: utf8Decoder.decode(compressed ? unzlibSync(body) : body) }
  } catch {
    return undefined
  }
}
