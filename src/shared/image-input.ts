/**
 * Edit input images: `data:` URL parsing and the reference's image rules (format, 384-3072 px,
 * 10 MB). Isomorphic: used by the browser before upload, the gateway before forwarding and the
 * simulator when it answers.
 */
import { imageSize } from 'image-size'
import { EDIT_IMAGE_FORMATS, LIMITS } from './limits.ts'

export interface DataUrl {
  mime: string
  bytes: Uint8Array
}

export interface ImageFacts {
  /** Format as sniffed from the bytes: 'png', 'jpg', 'webp', 'bmp', 'tiff', 'gif', … */
  format: string
  width: number
  height: number
  bytes: number
}

const DATA_URL = /^data:([^;,]+)(;[^,]*)?,/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/** How much of an image is decoded to read its header (JPEG EXIF blocks can precede the size). */
const HEAD_BYTES = 512 * 1024

export interface DataUrlHead {
  mime: string
  /** Decoded size of the whole payload. */
  byteLength: number
  /** The first bytes, decoded: enough to read format and dimensions. */
  head: Uint8Array
}

function decodeBase64(payload: string): Uint8Array {
  const binary = atob(payload)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

const NOT_DATA_URL = 'is not a data: URL of the form data:{mime_type};base64,{base64_data}'
const NOT_BASE64 = 'has base64 data that cannot be decoded'

/** The media type from a data: URL's header (up to and including its comma), or the error. */
function mimeOfHeader(header: string): string | { error: string } {
  const m = DATA_URL.exec(header)
  if (!m) return { error: NOT_DATA_URL }
  if (!m[2]?.split(';').includes('base64')) return { error: 'must be base64-encoded (data:{mime_type};base64,…)' }
  return m[1]!.toLowerCase()
}

/** Characters of base64 to decode for the first HEAD_BYTES. */
const headChars = (payloadLength: number) => Math.min(payloadLength, Math.ceil(HEAD_BYTES / 3) * 4)

/**
 * Reads a `data:{mime};base64,{data}` URL without decoding all of it (a 10 MB image stays cheap
 * to check). Returns a message that finishes "Image N …" when it is not one.
 */
export function inspectDataUrl(url: string): DataUrlHead | { error: string } {
  const header = DATA_URL.exec(url)?.[0] ?? ''
  const mime = mimeOfHeader(header)
  if (typeof mime !== 'string') return mime
  const payload = url.slice(header.length)
  if (payload.length % 4 !== 0 || !BASE64.test(payload)) return { error: NOT_BASE64 }
  return { mime, byteLength: base64DecodedBytes(payload), head: decodeBase64(payload.slice(0, headChars(payload.length))) }
}

const BASE64_ALPHABET = new Uint8Array(256)
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64_ALPHABET[c.charCodeAt(0)] = 1
const EQUALS = 0x3d
const COMMA = 0x2c

/** As BASE64 (with the length a multiple of 4) does for a string, over ASCII bytes. */
function isBase64Bytes(bytes: Uint8Array): boolean {
  if (bytes.length % 4 !== 0) return false
  let end = bytes.length
  if (end > 0 && bytes[end - 1] === EQUALS) end--
  if (end > 0 && bytes[end - 1] === EQUALS) end--
  for (let i = 0; i < end; i++) if (!BASE64_ALPHABET[bytes[i]!]) return false
  return true
}

const latin1 = new TextDecoder('latin1')

/**
 * `inspectDataUrl` for a URL held as bytes (the gateway reads 30 MB request bodies this way, to
 * keep from making strings of them). For ASCII bytes, equal to `inspectDataUrl` of their text.
 */
export function inspectDataUrlBytes(bytes: Uint8Array): DataUrlHead | { error: string } {
  const comma = bytes.indexOf(COMMA)
  const mime = mimeOfHeader(comma < 0 ? '' : latin1.decode(bytes.subarray(0, comma + 1)))
  if (typeof mime !== 'string') return mime
  const payload = bytes.subarray(comma + 1)
  if (!isBase64Bytes(payload)) return { error: NOT_BASE64 }
  const pad = payload.length && payload[payload.length - 1] === EQUALS ? (payload[payload.length - 2] === EQUALS ? 2 : 1) : 0
  return {
    mime,
    byteLength: Math.floor((payload.length * 3) / 4) - pad,
    head: decodeBase64(latin1.decode(payload.subarray(0, headChars(payload.length)))),
  }
}

/** Decodes a whole `data:` URL. */
export function parseDataUrl(url: string): DataUrl | { error: string } {
  const inspected = inspectDataUrl(url)
  if ('error' in inspected) return inspected
  return { mime: inspected.mime, bytes: decodeBase64(url.slice(url.indexOf(',') + 1)) }
}

/** Decoded size of a base64 payload of `length` characters, without decoding it. */
export function base64DecodedBytes(payload: string): number {
  const pad = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0
  return Math.floor((payload.length * 3) / 4) - pad
}

/** Reads format and dimensions from an image's header bytes; undefined when not an image. */
export function sniffImage(bytes: Uint8Array, totalBytes = bytes.byteLength): ImageFacts | undefined {
  try {
    const r = imageSize(bytes)
    if (!r.type || !r.width || !r.height) return undefined
    // EXIF orientations 5-8 swap the displayed sides.
    const swap = r.orientation !== undefined && r.orientation >= 5
    return {
      format: r.type,
      width: swap ? r.height : r.width,
      height: swap ? r.width : r.height,
      bytes: totalBytes,
    }
  } catch {
    return undefined
  }
}

const FORMAT_BY_SNIFF: Record<string, string> = { jpg: 'jpg', png: 'png', bmp: 'bmp', tiff: 'tiff', webp: 'webp', gif: 'gif' }

export function mimeForFormat(format: string): string | undefined {
  return EDIT_IMAGE_FORMATS.find((f) => f.format === format)?.mime
}

export const ACCEPTED_FORMATS_TEXT = 'JPG, JPEG, PNG, BMP, TIFF, WEBP or GIF (first frame)'

/** What is wrong with an image by the reference's rules, as data (the browser words it in its language). */
export type ImageIssue =
  | { kind: 'undecodable' }
  | { kind: 'format'; format: string }
  | { kind: 'mime'; declared: string; format: string; mime: string | undefined }
  | { kind: 'bytes'; mb: number; maxMb: number }
  | { kind: 'pixels'; width: number; height: number; min: number; max: number }

/** Checks an image against the reference's rules; `declaredMime` is the data: URL's (or file's) type. */
export function imageIssue(facts: ImageFacts | undefined, declaredMime?: string): ImageIssue | null {
  if (!facts) return { kind: 'undecodable' }
  const format = FORMAT_BY_SNIFF[facts.format]
  if (!format) return { kind: 'format', format: facts.format.toUpperCase() }
  if (declaredMime !== undefined && declaredMime !== mimeForFormat(format))
    return { kind: 'mime', declared: declaredMime, format: format.toUpperCase(), mime: mimeForFormat(format) }
  if (facts.bytes > LIMITS.editImageMaxBytes)
    return { kind: 'bytes', mb: Math.round((facts.bytes / 1024 / 1024) * 10) / 10, maxMb: LIMITS.editImageMaxBytes / 1024 / 1024 }
  const { editImageMinPx: min, editImageMaxPx: max } = LIMITS
  if (facts.width < min || facts.height < min || facts.width > max || facts.height > max)
    return { kind: 'pixels', width: facts.width, height: facts.height, min, max }
  return null
}

/**
 * The same check as a sentence that finishes "Image N …" (the API's English error text), or null.
 */
export function checkImageFacts(facts: ImageFacts | undefined, declaredMime?: string): string | null {
  const issue = imageIssue(facts, declaredMime)
  if (!issue) return null
  switch (issue.kind) {
    case 'undecodable':
      return `is not an image that can be decoded (accepted: ${ACCEPTED_FORMATS_TEXT})`
    case 'format':
      return `is a ${issue.format} file; accepted formats are ${ACCEPTED_FORMATS_TEXT}`
    case 'mime':
      return `is declared as ${issue.declared} but its bytes are ${issue.format} (use ${issue.mime})`
    case 'bytes':
      return `is ${issue.mb.toFixed(1)} MB; the limit is ${issue.maxMb} MB`
    case 'pixels':
      return `is ${issue.width}x${issue.height} px; width and height must each be between ${issue.min} and ${issue.max} px`
  }
}
