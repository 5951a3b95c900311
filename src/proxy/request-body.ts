/**
 * Reading a request's body once, as one Buffer, refused past a size. Served by @hono/node-server
 * the bytes come straight off Node's IncomingMessage (no web stream, no copy into an ArrayBuffer:
 * a 30 MB edit body is held once); elsewhere (tests' app.request) from the Request's stream.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { JsonStructureMeter } from '../shared/json-structure.ts'
import { LIMITS, MAX_BODY_BYTES, MAX_JSON_STRUCTURE_BYTES } from '../shared/limits.ts'
import { refusal } from './error-response.ts'

/** The 413 for a body over MAX_BODY_BYTES. */
export const bodyTooLarge = () =>
  refusal(
    'PayloadTooLarge',
    `The request body is larger than ${(MAX_BODY_BYTES / 1024 / 1024).toFixed(0)} MB, more than ` +
      `${LIMITS.editImagesMax} images of ${LIMITS.editImageMaxBytes / 1024 / 1024} MB each need as base64.`,
  )

/** The 413 for a body with more JSON structure than a valid request has (../shared/json-structure.ts). */
export const structureTooLarge = () =>
  refusal(
    'PayloadTooLarge',
    `The request body has more than ${MAX_JSON_STRUCTURE_BYTES / 1024} KB of JSON outside its images; a valid ` +
      'request is its images (data: URLs or links) and a few KB of text around them.',
  )

/** Returned instead of the bytes when the body is larger than allowed. */
export const TOO_LARGE = Symbol('body too large')
/** Returned instead of the bytes when the body, read as JSON, has more structure than allowed. */
export const TOO_COMPLEX = Symbol('body too complex')

export type BodyRead = Buffer | typeof TOO_LARGE | typeof TOO_COMPLEX

function incomingOf(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  return incoming && typeof (incoming as IncomingMessage).on === 'function' && !(incoming as IncomingMessage).readableDidRead
    ? (incoming as IncomingMessage)
    : undefined
}

/**
 * Collects the body off Node's stream. With a declared length the bytes are copied into one
 * buffer of that size as they arrive (each chunk is garbage at once, so a 30 MB body costs 30 MB);
 * without one, chunks are kept and joined at the end. A metered (JSON) body gets that buffer only
 * once its first bytes pass the meter: a flood of structure is refused long before, so it never
 * costs the buffer its Content-Length asks for.
 */
function fromIncoming(
  incoming: IncomingMessage,
  declared: number | undefined,
  maxBytes: number,
  meter: JsonStructureMeter | undefined,
): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const limit = declared ?? maxBytes
    const allocateAt = meter ? 2 * MAX_JSON_STRUCTURE_BYTES : 0
    let whole: Buffer | undefined
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      const refused = size + chunk.byteLength > limit ? TOO_LARGE : meter?.add(chunk) ? TOO_COMPLEX : undefined
      if (refused) {
        done()
        chunks.length = 0
        // Node discards the rest of the body (or closes the connection) once the 413 is sent.
        resolve(refused)
        return
      }
      if (!whole && declared !== undefined && size + chunk.byteLength > allocateAt) {
        whole = Buffer.allocUnsafe(declared)
        let at = 0
        for (const kept of chunks) at += kept.copy(whole, at)
        chunks.length = 0
      }
      if (whole) whole.set(chunk, size)
      else chunks.push(chunk)
      size += chunk.byteLength
    }
    const onEnd = () => {
      done()
      if (whole) resolve(size === whole.byteLength ? whole : whole.subarray(0, size))
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size))
    }
    const onError = (error: Error) => {
      done()
      reject(error)
    }
    const onClose = () => {
      if (incoming.readableEnded) return onEnd()
      done()
      reject(new Error('The client closed the connection before its request body arrived.'))
    }
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose)
  })
}

async function fromStream(body: ReadableStream<Uint8Array>, maxBytes: number, meter: JsonStructureMeter | undefined): Promise<BodyRead> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks, size)
    size += value.byteLength
    const refused = size > maxBytes ? TOO_LARGE : meter?.add(value) ? TOO_COMPLEX : undefined
    if (refused) {
      await reader.cancel().catch(() => {})
      return refused
    }
    chunks.push(value)
  }
}

/** The length a Content-Length header declares, when it is a plain number. */
function declaredLength(header: string | undefined): number | undefined {
  return header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined
}

/**
 * The body of a request straight off Node's server (its Content-Length header given), or
 * TOO_LARGE when it has (or declares) more than `maxBytes`; with `json`, metered as `readBody` says.
 */
export async function readIncomingBody(
  incoming: IncomingMessage,
  contentLength: string | undefined,
  maxBytes: number,
  { json = false } = {},
): Promise<BodyRead> {
  const declared = declaredLength(contentLength)
  if (declared !== undefined && declared > maxBytes) return TOO_LARGE
  return fromIncoming(incoming, declared, maxBytes, json ? new JsonStructureMeter() : undefined)
}

/**
 * The body of `c`'s request, or TOO_LARGE when it has (or declares) more than `maxBytes`. A
 * declared Content-Length is judged before a byte is read; a body without one, as it arrives.
 * With `json`, each chunk is also metered as it arrives, and a body with more JSON structure
 * than MAX_JSON_STRUCTURE_BYTES is TOO_COMPLEX as soon as it passes that (the rest is not kept).
 */
export async function readBody(c: Context, maxBytes: number, { json = false } = {}): Promise<BodyRead> {
  const declared = declaredLength(c.req.header('content-length'))
  if (declared !== undefined && declared > maxBytes) return TOO_LARGE
  const meter = json ? new JsonStructureMeter() : undefined
  const incoming = incomingOf(c)
  if (incoming) return fromIncoming(incoming, declared, maxBytes, meter)
  const body = c.req.raw.body
  return body ? fromStream(body, maxBytes, meter) : Buffer.alloc(0)
}

/** How long, and how much, of a refused body is read and dropped before the connection is closed. */
const DRAIN_MS = 500
const DRAIN_BYTES = 64 * 1024 * 1024

/**
 * The rest of a body that was refused before it all arrived, read and dropped, so the client,
 * still sending, gets to read the answer; one that takes longer or is larger closes the
 * connection (as @hono/node-server does for the routes it serves).
 */
export function drainUnread(incoming: IncomingMessage): void {
  if (incoming.readableEnded || incoming.destroyed) return
  let read = 0
  const stop = () => {
    clearTimeout(timer)
    incoming.off('data', onData).off('end', stop).off('error', stop)
  }
  const close = () => {
    stop()
    incoming.socket.destroySoon()
  }
  const onData = (chunk: Buffer) => {
    read += chunk.byteLength
    if (read > DRAIN_BYTES) close()
  }
  const timer = setTimeout(close, DRAIN_MS)
  timer.unref()
  incoming.on('data', onData).on('end', stop).on('error', stop)
  incoming.resume()
}
