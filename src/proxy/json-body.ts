/**
 * Judging a JSON request body before it is forwarded. An edit body is mostly base64 images, up to
 * 30 MB; parsing it whole makes two strings of that size per request (the text, then the parsed
 * values) for the collector to find later. So large data: URL strings are cut out of the bytes
 * and stand in the parsed body as short tokens, through which the validator reads the images'
 * headers from the bytes. Whenever that could judge differently from parsing the whole body (a
 * token not read as an image, any refusal), the whole body is parsed and judged instead.
 */
import { isUtf8 } from 'node:buffer'
import { randomUUID } from 'node:crypto'
import { inspectDataUrl, inspectDataUrlBytes, type DataUrlHead } from '../shared/image-input.ts'
import type { InspectDataUrl, Validation } from '../shared/validate.ts'
import { refusal } from './error-response.ts'

export type Validator = (body: unknown, inspect: InspectDataUrl) => Validation

/** Strings shorter than this are parsed as they are; so are bodies shorter than a few of them. */
export const LARGE_STRING_BYTES = 64 * 1024
const LARGE_BODY_BYTES = 4 * LARGE_STRING_BYTES

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const DATA_URL_LITERAL = Buffer.from('"data:')

/** Is the character at `i` escaped, i.e. preceded by an odd number of backslashes? */
function escaped(bytes: Uint8Array, i: number): boolean {
  let n = 0
  while (i - n - 1 >= 0 && bytes[i - n - 1] === BACKSLASH) n++
  return n % 2 === 1
}

/** Printable ASCII with nothing JSON would unescape: the literal's bytes are its value. */
function plainAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b < 0x20 || b > 0x7e || b === BACKSLASH) return false
  return true
}

interface CutBody {
  /** The body's text with every large data: URL literal replaced by a token literal. */
  text: string
  /** Token -> what `inspectDataUrl` would say of the URL it stands for. */
  images: Map<string, DataUrlHead>
}

/**
 * Cuts out the string literals that are large, well-formed base64 data: URLs. An unescaped quote
 * is a literal's edge, and a URL of base64 characters holds no backslash or quote, so each cut
 * is one whole literal, replaced by another: valid JSON stays valid and invalid stays invalid.
 */
function cutLargeDataUrls(bytes: Buffer): CutBody | undefined {
  const nonce = randomUUID()
  const images = new Map<string, DataUrlHead>()
  const parts: string[] = []
  let copied = 0
  for (let at = bytes.indexOf(DATA_URL_LITERAL); at >= 0;) {
    const start = at + 1
    const end = bytes.indexOf(QUOTE, start)
    if (end < 0) break
    if (end - start >= LARGE_STRING_BYTES && !escaped(bytes, at)) {
      const url = bytes.subarray(start, end)
      const comma = url.indexOf(COMMA)
      const head = comma > 0 && plainAscii(url.subarray(0, comma)) ? inspectDataUrlBytes(url) : undefined
      if (head && !('error' in head)) {
        const token = `data:,studio-image-${nonce}-${images.size}`
        images.set(token, head)
        parts.push(bytes.toString('utf8', copied, at), JSON.stringify(token))
        copied = end + 1
      }
    }
    at = bytes.indexOf(DATA_URL_LITERAL, end + 1)
  }
  if (!images.size) return undefined
  parts.push(bytes.toString('utf8', copied))
  return { text: parts.join(''), images }
}

const notJson = () => refusal('InvalidParameter', 'The request body is not valid JSON.')

/** Bodies parsed whole and let through, with what they parsed to, for the forwarder's next look (./four-three-fallback.ts). */
const passed = new WeakMap<Buffer, unknown>()

/** What a body `refuseInvalid` let through parsed to, when it was parsed whole; else undefined. */
export function parsedBody(bytes: Buffer): unknown {
  return passed.get(bytes)
}

function judgeWhole(bytes: Buffer, text: string, validate: Validator): Response | null {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return notJson()
  }
  const result = validate(body, inspectDataUrl)
  if (!result.ok) return refusal(result.issue.code, result.issue.message)
  passed.set(bytes, body)
  return null
}

/** A refusal when the body is not UTF-8 JSON or breaks a rule of the contract; null when it may go. */
export function refuseInvalid(bytes: Buffer, validate: Validator): Response | null {
  if (!isUtf8(bytes)) return notJson()
  // As TextDecoder would, a byte order mark is read past.
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  const cut = body.byteLength >= LARGE_BODY_BYTES ? cutLargeDataUrls(body) : undefined
  if (cut) {
    const read = new Set<string>()
    const inspect: InspectDataUrl = (url) => {
      const head = cut.images.get(url)
      if (!head) return inspectDataUrl(url)
      read.add(url)
      return head
    }
    try {
      const result = validate(JSON.parse(cut.text), inspect)
      if (result.ok && read.size === cut.images.size) return null
    } catch {
      // judged whole below
    }
  }
  return judgeWhole(bytes, body.toString('utf8'), validate)
}
