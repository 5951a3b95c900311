/**
 * JSON calls to the upstream API. Live, they go out over kept-alive connections of the gateway's
 * own (TCP or TLS sockets): the request's head and body in one write, the answer read by
 * ./answer-reader.ts. Node's HTTP client builds a request object, a response stream and an
 * agent's bookkeeping for each call, which cost more than the rest of the gateway; here a call
 * is a string, one write and a reader. The request body (up to 30 MB of base64 images) is written from
 * the Buffer it arrived in. The embedded simulator, and tests that hand the gateway a fetch, are
 * called through `callThrough`.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net'
import { connect as tlsConnect } from 'node:tls'
import zlib from 'node:zlib'
import { AnswerReader, TOKEN } from './answer-reader.ts'

export interface UpstreamCall {
  url: string
  method: string
  headers: Record<string, string>
  body?: Uint8Array
  signal: AbortSignal
}

export interface UpstreamAnswer {
  status: number
  /** Name/value pairs as received (a name may repeat). */
  headers: [string, string][]
  /** The body, decoded (gzip, deflate, br) and read as UTF-8. */
  text: string
}

export type CallUpstream = (call: UpstreamCall) => Promise<UpstreamAnswer>

/** A fetch-shaped sender (global fetch, a test's fake, the in-process simulator) as a CallUpstream. */
export function callThrough(send: (request: Request) => Promise<Response>): CallUpstream {
  return async ({ url, method, headers, body, signal }) => {
    // Bodies here are Node Buffers over plain ArrayBuffers, never shared memory.
    const bytes = body as Uint8Array<ArrayBuffer> | undefined
    const response = await send(new Request(url, { method, headers, body: bytes, redirect: 'manual', signal }))
    return { status: response.status, headers: [...response.headers], text: await response.text() }
  }
}

/**
 * Idle connections are closed after this long (and before it and a sweep's second more), below
 * the idle timeouts servers commonly use (5 s and up), so the gateway seldom sends on a
 * connection the server is closing.
 */
export const IDLE_SOCKET_MS = 3000
const SWEEP_MS = 1000

/** What a header value may not carry to be written on the wire as it is (names: TOKEN): line breaks, controls. */
const NOT_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/

function decoded(bytes: Buffer, encoding: string | undefined): string {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(bytes).toString('utf8')
    case 'deflate':
      return zlib.inflateSync(bytes).toString('utf8')
    case 'br':
      return zlib.brotliDecompressSync(bytes).toString('utf8')
    default:
      return bytes.toString('utf8')
  }
}

/** Thrown like fetch's "fetch failed": the network error is the cause (its code names it). */
export class UpstreamRequestFailed extends Error {
  constructor(cause: unknown) {
    super('upstream request failed', { cause })
    this.name = 'UpstreamRequestFailed'
  }
}

/** What Node's HTTP client says of a connection closed before the answer ended. */
const hangUp = () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })

interface Attempt {
  answer?: UpstreamAnswer
  error?: unknown
  /** The request went out on a kept-alive connection, which closed before any answer. */
  staleSocket?: boolean
}

/** One connection to an upstream origin and, while a request uses it, that request's listeners. */
interface Connection {
  socket: Socket
  origin: string
  /** When it was last given back (performance.now()). */
  idleSince: number
  onData?: (chunk: Buffer) => void
  /** With the error, or without one when the other side closed. */
  onClose?: (error?: Error) => void
}

/**
 * The kept-alive connections, by origin: a request takes the newest idle one or opens a new one,
 * and gives it back when its answer is complete and the server keeps it open. An idle connection
 * is closed after IDLE_SOCKET_MS, or at once should the server send anything or close it. Idle ones do not keep the process alive.
 */
class Connections {
  #idle = new Map<string, Connection[]>()
  #sessions = new Map<string, Buffer>()
  /** Looks over the idle connections every second, while there are any. */
  #sweeper: ReturnType<typeof setInterval> | undefined
  #closed = false

  take(url: URL): { connection: Connection; reused: boolean } {
    const connection = this.#idle.get(url.origin)?.pop()
    if (connection) {
      connection.socket.ref()
      return { connection, reused: true }
    }
    return { connection: this.#open(url), reused: false }
  }

  give(connection: Connection): void {
    if (this.#closed || connection.socket.destroyed) return void connection.socket.destroy()
    let kept = this.#idle.get(connection.origin)
    if (!kept) this.#idle.set(connection.origin, (kept = []))
    connection.idleSince = performance.now()
    kept.push(connection)
    connection.socket.unref()
    this.#sweeper ??= setInterval(() => this.#sweep(), SWEEP_MS).unref()
  }

  close(): void {
    this.#closed = true
    clearInterval(this.#sweeper)
    for (const kept of this.#idle.values()) for (const { socket } of kept.splice(0)) socket.destroy()
  }

  /** Closes the connections idle for IDLE_SOCKET_MS (the oldest are first in each list). */
  #sweep(): void {
    const before = performance.now() - IDLE_SOCKET_MS
    let left = 0
    for (const kept of this.#idle.values()) {
      while (kept.length > 0 && kept[0]!.idleSince <= before) kept.shift()!.socket.destroy()
      left += kept.length
    }
    if (left === 0) {
      clearInterval(this.#sweeper)
      this.#sweeper = undefined
    }
  }

  #forget(connection: Connection): void {
    const kept = this.#idle.get(connection.origin)
    const at = kept?.indexOf(connection) ?? -1
    if (at >= 0) kept!.splice(at, 1)
  }

  #open(url: URL): Connection {
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname
    let socket: Socket
    if (url.protocol === 'https:') {
      const servername = isIP(host) ? undefined : host
      const tlsSocket = tlsConnect({ host, port, servername, ALPNProtocols: ['http/1.1'], session: this.#sessions.get(url.origin) })
      tlsSocket.on('session', (session: Buffer) => this.#sessions.set(url.origin, session))
      socket = tlsSocket
    } else socket = netConnect({ host, port })
    socket.setNoDelay(true)
    const connection: Connection = { socket, origin: url.origin, idleSince: 0 }
    socket.on('data', (chunk: Buffer) => (connection.onData ? connection.onData(chunk) : socket.destroy()))
    socket.on('error', (error) => connection.onClose?.(error))
    socket.on('close', () => {
      this.#forget(connection)
      connection.onClose?.()
    })
    return connection
  }
}

/** The request's head as it is written: request line, Host, the headers, the body's length. */
function requestHead(call: UpstreamCall, url: URL): string {
  let head = `${call.method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n`
  for (const name in call.headers) {
    const value = call.headers[name]!
    if (!TOKEN.test(name) || NOT_FIELD_VALUE.test(value))
      throw new TypeError(`Invalid character in the upstream request's header "${name}"`)
    head += `${name}: ${value}\r\n`
  }
  const bodyless = !call.body && (call.method === 'GET' || call.method === 'HEAD')
  return bodyless ? `${head}\r\n` : `${head}Content-Length: ${call.body?.byteLength ?? 0}\r\n\r\n`
}

/**
 * One request on a kept-alive connection (or a new one): its head and body in one write, the
 * answer read as it arrives, the deadline's signal watched with one listener.
 */
function attempt(call: UpstreamCall, connections: Connections): Promise<Attempt> {
  return new Promise((resolve) => {
    const { signal } = call
    const url = new URL(call.url)
    const head = requestHead(call, url)
    const { connection, reused } = connections.take(url)
    const { socket } = connection
    const reader = new AnswerReader(call.method === 'HEAD')
    let received = false
    let settled = false
    const settle = (result: Attempt) => {
      if (settled) return
      settled = true
      connection.onData = connection.onClose = undefined
      signal.removeEventListener('abort', onAbort)
      if (result.answer && reader.keepAlive) connections.give(connection)
      else socket.destroy()
      resolve(result)
    }
    const onAbort = () => settle({ error: signal.reason })
    const finish = () => {
      const { status, headers, body } = reader
      const encoding = headers.find(([name]) => name === 'content-encoding')?.[1]
      try {
        settle({ answer: { status, headers, text: decoded(body.length === 1 ? body[0]! : Buffer.concat(body), encoding) } })
      } catch (error) {
        settle({ error })
      }
    }
    connection.onData = (chunk) => {
      received = true
      try {
        reader.push(chunk)
      } catch (error) {
        return settle({ error })
      }
      if (reader.done) finish()
    }
    connection.onClose = (error) => {
      // An answer that has neither a length nor chunks ends with the connection.
      if (!error && received && reader.end()) return finish()
      settle({ error: error ?? hangUp(), staleSocket: reused && !received })
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    if (call.body?.byteLength) {
      socket.cork()
      socket.write(head, 'latin1')
      socket.write(call.body)
      socket.uncork()
    } else socket.write(head, 'latin1')
  })
}

/** The live upstream client; `close` drops its idle connections. */
export function httpUpstream(): { call: CallUpstream; close(): void } {
  const connections = new Connections()
  const call: CallUpstream = async (c) => {
    let result = await attempt(c, connections)
    // A kept-alive connection the server had just closed, closed or reset before any answer:
    // the request most likely never reached the server (Node's documented case for a retry), so
    // it is sent once more, on a new connection. A new connection that fails is not retried.
    if (result.staleSocket && !c.signal.aborted) result = await attempt(c, connections)
    if (result.answer) return result.answer
    if (c.signal.aborted) throw c.signal.reason
    throw new UpstreamRequestFailed(result.error)
  }
  return { call, close: () => connections.close() }
}
