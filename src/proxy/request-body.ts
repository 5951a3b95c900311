/**
 * Reading a request's body once, as one Buffer, refused past a size. Served by @hono/node-server
 * the bytes come straight off Node's IncomingMessage (no web stream, no copy into an ArrayBuffer:
 * a 30 MB edit body is held once); elsewhere (tests' app.request) from the Request's stream.
 */
import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { LIMITS, MAX_BODY_BYTES } from '../shared/limits.ts'
import { refusal } from './error-response.ts'

/** The 413 for a body over MAX_BODY_BYTES. */
export const bodyTooLarge = () =>
  refusal(
    'PayloadTooLarge',
    `The request body is larger than ${(MAX_BODY_BYTES / 1024 / 1024).toFixed(0)} MB, more than ` +
      `${LIMITS.editImagesMax} images of ${LIMITS.editImageMaxBytes / 1024 / 1024} MB each need as base64.`,
  )

/** Returned instead of the bytes when the body is larger than allowed. */
export const TOO_LARGE = Symbol('body too large')

function incomingOf(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  return incoming && typeof (incoming as IncomingMessage).on === 'function' && !(incoming as IncomingMessage).readableDidRead
    ? (incoming as IncomingMessage)
    : undefined
}

/**
 * Collects the body off Node's stream. With a declared length the bytes are copied into one
 * buffer of that size as they arrive (each chunk is garbage at once, so a 30 MB body costs 30 MB);
 * without one, chunks are kept and joined at the end.
 */
function fromIncoming(incoming: IncomingMessage, declared: number | undefined, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const whole = declared !== undefined ? Buffer.allocUnsafe(declared) : undefined
    const chunks: Buffer[] = []
    let size = 0
    const done = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose)
    }
    const onData = (chunk: Buffer) => {
      if (size + chunk.byteLength > (whole?.byteLength ?? maxBytes)) {
        done()
        chunks.length = 0
        // Node discards the rest of the body (or closes the connection) once the 413 is sent.
        resolve(TOO_LARGE)
        return
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

async function fromStream(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return Buffer.concat(chunks, size)
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => {})
      return TOO_LARGE
    }
    chunks.push(value)
  }
}

/**
 * The body of `c`'s request, or TOO_LARGE when it has (or declares) more than `maxBytes`. A
 * declared Content-Length is judged before a byte is read; a body without one, as it arrives.
 */
export async function readBody(c: Context, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  const header = c.req.header('content-length')
  const declared = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : undefined
  if (declared !== undefined && declared > maxBytes) return TOO_LARGE
  const incoming = incomingOf(c)
  if (incoming) return fromIncoming(incoming, declared, maxBytes)
  const body = c.req.raw.body
  return body ? fromStream(body, maxBytes) : Buffer.alloc(0)
}
