/**
 * Reads one HTTP/1.1 answer off an upstream connection, chunk by chunk, for the gateway's own
 * client (./upstream-client.ts). Strict where it matters to a proxy: a malformed head, a length
 * that is not one number, a transfer coding other than chunked, or bytes past the answer are
 * errors, never guesses; the connection is then not used again. Written here rather than taken
 * from a package because measured on the gateway's hot path a pure-JS parser (http-parser-js)
 * cost more than the rest of the gateway's own work, and Node's native one is not public.
 */
import { headerField } from './http-fields.ts'

/** A head larger than this is refused (Node's own limit is 16 KB). */
export const MAX_HEAD_BYTES = 64 * 1024
const MAX_CHUNK_LINE_BYTES = 1024

const CRLF = Buffer.from('\r\n')
const HEAD_END = Buffer.from('\r\n\r\n')
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: [^\r\n]*)?$/
/** A control character other than the tab, CR and LF, none of which a head may carry. */
const CONTROL = /[^\t\r\n\x20-\x7e\x80-\xff]/
const DIGITS = /^\d+$/
const CHUNK_SIZE = /^([0-9A-Fa-f]{1,8})[ \t]*(?:;[^\r\n]*)?$/
/** No bytes (never written to: every join makes a new buffer). */
const NOTHING = Buffer.alloc(0)

export class AnswerError extends Error {
  constructor(message: string) {
    super(`malformed answer from the upstream: ${message}`)
    this.name = 'AnswerError'
  }
}

type State = 'head' | 'sized' | 'chunk-size' | 'chunk-data' | 'chunk-end' | 'trailers' | 'until-close' | 'done'

export class AnswerReader {
  status = 0
  /** Name (lower case) and value pairs, in order, repeats kept. */
  headers: [string, string][] = []
  /** Whether the connection may carry another request once this answer is done. */
  keepAlive = false
  readonly body: Buffer[] = []
  #state: State = 'head'
  /** Bytes that wait for the rest of a head or a line; their last bytes, where an end may begin. */
  #held: Buffer[] = []
  #heldBytes = 0
  #tail = NOTHING
  /** Bytes of body (or of the current chunk) still to come. */
  #left = 0

  constructor(private readonly headRequest = false) {}

  get done(): boolean {
    return this.#state === 'done'
  }

  /** Takes the next bytes off the connection; throws AnswerError on a malformed answer. */
  push(chunk: Buffer): void {
    let bytes = chunk
    if (this.#heldBytes > 0) {
      // Joined only once what is waited for can end: a head sent a byte at a time costs its size, not its square.
      if (!this.#ends(chunk)) return this.#hold(chunk)
      bytes = Buffer.concat([...this.#held, chunk])
      this.#held = []
      this.#heldBytes = 0
      this.#tail = NOTHING
    }
    while (bytes.byteLength > 0) {
      const used = this.#step(bytes)
      if (used < 0) return this.#hold(bytes)
      bytes = bytes.subarray(used)
    }
  }

  #hold(bytes: Buffer): void {
    this.#held.push(bytes)
    this.#heldBytes += bytes.byteLength
    this.#tail = Buffer.concat([this.#tail, bytes.subarray(-3)]).subarray(-3)
    const limit = this.#state === 'chunk-size' ? MAX_CHUNK_LINE_BYTES : MAX_HEAD_BYTES
    if (this.#heldBytes > limit) throw new AnswerError(`a head or line larger than ${limit} bytes`)
  }

  /** Could what the held bytes wait for end in `chunk` (the end may begin in the held bytes)? */
  #ends(chunk: Buffer): boolean {
    if (this.#state === 'chunk-end') return true
    const end = this.#state === 'head' ? HEAD_END : CRLF
    return Buffer.concat([this.#tail, chunk.subarray(0, end.byteLength - 1)]).includes(end) || chunk.includes(end)
  }

  /** The connection ended: that completes an answer read until close. False: the answer was cut short. */
  end(): boolean {
    if (this.#state === 'until-close') this.#state = 'done'
    return this.done
  }

  /** Consumes the start of `bytes`; returns how many bytes were used, or -1 to wait for more. */
  #step(bytes: Buffer): number {
    switch (this.#state) {
      case 'head':
        return this.#head(bytes)
      case 'sized':
      case 'chunk-data': {
        const used = Math.min(this.#left, bytes.byteLength)
        this.body.push(bytes.subarray(0, used))
        this.#left -= used
        if (this.#left === 0) this.#state = this.#state === 'sized' ? 'done' : 'chunk-end'
        return used
      }
      case 'until-close':
        this.body.push(bytes)
        return bytes.byteLength
      case 'chunk-size':
        return this.#chunkSize(bytes)
      case 'chunk-end':
        if (bytes.byteLength < 2) return -1
        if (bytes[0] !== 0x0d || bytes[1] !== 0x0a) throw new AnswerError('a chunk does not end with CRLF')
        this.#state = 'chunk-size'
        return 2
      case 'trailers':
        return this.#trailers(bytes)
      case 'done':
        // Bytes past the answer: the answer stands; the connection is not used again.
        this.keepAlive = false
        return bytes.byteLength
    }
  }

  #head(bytes: Buffer): number {
    const end = bytes.indexOf(HEAD_END)
    if (end < 0) {
      if (bytes.byteLength > MAX_HEAD_BYTES) throw new AnswerError(`a head larger than ${MAX_HEAD_BYTES} bytes`)
      return -1
    }
    if (end > MAX_HEAD_BYTES) throw new AnswerError(`a head larger than ${MAX_HEAD_BYTES} bytes`)
    const head = bytes.toString('latin1', 0, end)
    if (CONTROL.test(head)) throw new AnswerError('a control character in the head')
    const lines = head.split('\r\n')
    const status = STATUS_LINE.exec(lines[0]!)
    if (!status) throw new AnswerError('not an HTTP/1.x status line')
    const headers: [string, string][] = []
    for (let i = 1; i < lines.length; i++) {
      const field = headerField(lines[i]!)
      if (!field) throw new AnswerError('a header line that is not a name and a value')
      headers.push([field[0].toLowerCase(), field[1]])
    }
    const code = Number(status[2])
    // An interim answer (100 Continue, 103 Early Hints) is passed over; the final one follows.
    if (code < 200) {
      if (code === 101) throw new AnswerError('a switch of protocols')
      return end + 4
    }
    this.status = code
    this.headers = headers
    this.#frame(status[1] === '1')
    return end + 4
  }

  /** How the body is delimited (RFC 9112 §6.3), and whether the connection stays open after it. */
  #frame(http11: boolean): void {
    const connection: string[] = []
    const codings: string[] = []
    const lengths: string[] = []
    for (const [name, value] of this.headers) {
      const list =
        name === 'connection' ? connection : name === 'transfer-encoding' ? codings : name === 'content-length' ? lengths : undefined
      if (list) for (const item of value.split(',')) list.push(item.trim().toLowerCase())
    }
    this.keepAlive = http11 && !connection.includes('close')
    if (this.headRequest || this.status === 204 || this.status === 304) {
      this.#state = 'done'
      return
    }
    if (codings.length > 0) {
      if (codings.length !== 1 || codings[0] !== 'chunked') throw new AnswerError(`the transfer coding ${codings.join(', ')}`)
      // With a length as well, the chunks decide, and the connection is not trusted again.
      if (lengths.length > 0) this.keepAlive = false
      this.#state = 'chunk-size'
      return
    }
    if (lengths.length > 0) {
      if (!lengths.every((l) => DIGITS.test(l) && l === lengths[0])) throw new AnswerError('a Content-Length that is not one number')
      this.#left = Number(lengths[0])
      this.#state = this.#left === 0 ? 'done' : 'sized'
      return
    }
    this.keepAlive = false
    this.#state = 'until-close'
  }

  #chunkSize(bytes: Buffer): number {
    const end = bytes.indexOf(CRLF)
    if (end < 0) {
      if (bytes.byteLength > MAX_CHUNK_LINE_BYTES) throw new AnswerError('a chunk size line too long')
      return -1
    }
    const size = CHUNK_SIZE.exec(bytes.toString('latin1', 0, end))
    if (!size) throw new AnswerError('a chunk size that is not a hexadecimal number')
    this.#left = parseInt(size[1]!, 16)
    this.#state = this.#left === 0 ? 'trailers' : 'chunk-data'
    return end + 2
  }

  /** After the last chunk: trailer lines (read past) up to an empty line. */
  #trailers(bytes: Buffer): number {
    const end = bytes.indexOf(CRLF)
    if (end < 0) {
      if (bytes.byteLength > MAX_HEAD_BYTES) throw new AnswerError(`trailers larger than ${MAX_HEAD_BYTES} bytes`)
      return -1
    }
    if (end === 0) this.#state = 'done'
    return end + 2
  }
}
