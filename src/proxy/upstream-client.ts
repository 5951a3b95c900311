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
import { AnswerReader } from './answer-reader.ts'
import { DOT_SEGMENT, fieldLine } from './http-fields.ts'
import { DeadlineExceeded, withDeadline } from './upstream.ts'

export interface UpstreamCall {
  url: string
  method: string
  headers: Readonly<Record<string, string>>
  body?: Uint8Array
  /** With no complete answer by then, the call rejects with DeadlineExceeded (and its connection is closed). */
  timeoutMs: number
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
  return ({ url, method, headers, body, timeoutMs }) =>
    withDeadline(timeoutMs, async (signal) => {
      // Bodies here are Node Buffers over plain ArrayBuffers, never shared memory.
      const bytes = body as Uint8Array<ArrayBuffer> | undefined
      const response = await send(new Request(url, { method, headers, body: bytes, redirect: 'manual', signal }))
      return { status: response.status, headers: [...response.headers], text: await response.text() }
    })
}

/**
 * Idle connections are closed after this long (and before it and a sweep's second more), below
 * the idle timeouts servers commonly use (5 s and up), so the gateway seldom sends on a
 * connection the server is closing.
 */
export const IDLE_SOCKET_MS = 3000
const SWEEP_MS = 1000

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
  /** The call's deadline passed before its answer was complete. */
  expired?: boolean
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

/** A path and query that the URL parser would keep exactly as written (no dot segment either). */
const PLAIN_TARGET = /^\/[\w!$&()*+,.:;=@~/?%-]*$/
/** A body up to this size goes out in one buffer with its head (one write); a larger one after it. */
const ONE_WRITE_BODY_BYTES = 64 * 1024
/** Origins whose parsed URL is kept; calls to others parse theirs anew. */
const ORIGINS_KEPT = 16
const parsedOrigins = new Map<string, URL>()

/**
 * Where a call goes: its origin (parsed once per origin) and its path and query. The URL
 * parser, called on every request, is measurably slow on the gateway's hot path, so a plain
 * target is taken as it is and anything else is parsed.
 */
function targetOf(url: string): { origin: URL; path: string } {
  const slash = url.indexOf('/', url.indexOf('//') + 2)
  const path = slash < 0 ? '' : url.slice(slash)
  const kept = slash < 0 ? undefined : parsedOrigins.get(url.slice(0, slash))
  if (kept && PLAIN_TARGET.test(path) && !DOT_SEGMENT.test(path)) return { origin: kept, path }
  const parsed = new URL(url)
  if (slash > 0 && parsedOrigins.size < ORIGINS_KEPT && parsed.origin === url.slice(0, slash))
    parsedOrigins.set(parsed.origin, new URL(parsed.origin))
  return { origin: parsed, path: parsed.pathname + parsed.search }
}

/** Header lines written for a frozen (shared, unchanging) header record, kept as long as it lives. */
const writtenFields = new WeakMap<Readonly<Record<string, string>>, string>()

function fieldLines(headers: Readonly<Record<string, string>>): string {
  let lines = writtenFields.get(headers)
  if (lines !== undefined) return lines
  lines = ''
  for (const name in headers) lines += fieldLine(name, headers[name]!, "the upstream request's")
  if (Object.isFrozen(headers)) writtenFields.set(headers, lines)
  return lines
}

/** A call in flight: when it is due, and what ends it then. */
interface Due {
  at: number
  expire: () => void
}

/**
 * The deadlines of the calls in flight, on one timer set for the earliest: a call adds itself
 * and removes itself when answered, and the timer is moved only for a call due before the one
 * it is set for. Calls made with the same timeout are due in the order they were made, so on
 * the hot path a call costs the timer nothing (a timer and an AbortSignal listener per call
 * were a measurable part of the gateway's added latency).
 */
class Deadlines {
  #due = new Set<Due>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #setFor = Infinity

  add(due: Due): void {
    this.#due.add(due)
    if (due.at < this.#setFor) this.#set(due.at)
  }

  delete(due: Due): void {
    this.#due.delete(due)
  }

  #set(at: number): void {
    clearTimeout(this.#timer)
    this.#setFor = at
    // Unref'd: a call in flight keeps the process alive through its connection, not its deadline.
    this.#timer = setTimeout(() => this.#expire(), Math.max(0, at - performance.now())).unref()
  }

  #expire(): void {
    this.#timer = undefined
    this.#setFor = Infinity
    const now = performance.now()
    let next = Infinity
    for (const due of this.#due)
      if (due.at <= now) {
        this.#due.delete(due)
        due.expire()
      } else next = Math.min(next, due.at)
    if (next < Infinity) this.#set(next)
  }
}

/** The request's head as it is written: request line, Host, the headers, the body's length. */
function requestHead(call: UpstreamCall, { origin, path }: { origin: URL; path: string }): string {
  const head = `${call.method} ${path} HTTP/1.1\r\nHost: ${origin.host}\r\n${fieldLines(call.headers)}`
  const bodyless = !call.body && (call.method === 'GET' || call.method === 'HEAD')
  return bodyless ? `${head}\r\n` : `${head}Content-Length: ${call.body?.byteLength ?? 0}\r\n\r\n`
}

/** Where a call goes and the head it is sent with, in bytes. */
interface Prepared {
  origin: URL
  head: Buffer
}

/** Heads made for a frozen header record, by method, URL and body length, kept while it lives. */
const preparedHeads = new WeakMap<Readonly<Record<string, string>>, Map<string, Prepared>>()
/** Heads kept per header record: a browser polls a few tasks at a time. */
const HEADS_KEPT = 16

/** A call's origin and head; a call like an earlier one with the same (frozen) headers, a poll above all, is sent with its head. */
function prepare(call: UpstreamCall): Prepared {
  const frozen = Object.isFrozen(call.headers)
  const key = `${call.method} ${call.body?.byteLength ?? -1} ${call.url}`
  let heads = frozen ? preparedHeads.get(call.headers) : undefined
  let prepared = heads?.get(key)
  if (prepared) return prepared
  const target = targetOf(call.url)
  prepared = { origin: target.origin, head: Buffer.from(requestHead(call, target), 'latin1') }
  if (frozen) {
    if (!heads) preparedHeads.set(call.headers, (heads = new Map<string, Prepared>()))
    if (heads.size >= HEADS_KEPT) heads.clear()
    heads.set(key, prepared)
  }
  return prepared
}

/**
 * One request on a kept-alive connection (or a new one): its head and body in one write, the
 * answer read as it arrives, closed unanswered when the call is due (`at`, performance.now()).
 */
function attempt(call: UpstreamCall, connections: Connections, deadlines: Deadlines, at: number): Promise<Attempt> {
  return new Promise((resolve) => {
    const { origin, head } = prepare(call)
    const { connection, reused } = connections.take(origin)
    const { socket } = connection
    const reader = new AnswerReader(call.method === 'HEAD')
    let received = false
    let settled = false
    const settle = (result: Attempt) => {
      if (settled) return
      settled = true
      connection.onData = connection.onClose = undefined
      deadlines.delete(due)
      if (result.answer && reader.keepAlive) connections.give(connection)
      else socket.destroy()
      resolve(result)
    }
    const due: Due = { at, expire: () => settle({ expired: true }) }
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
    if (at <= performance.now()) return settle({ expired: true })
    deadlines.add(due)
    if (call.body?.byteLength && call.body.byteLength <= ONE_WRITE_BODY_BYTES) socket.write(Buffer.concat([head, call.body]))
    else if (call.body?.byteLength) {
      socket.cork()
      socket.write(head)
      socket.write(call.body)
      socket.uncork()
    } else socket.write(head)
  })
}

/** The live upstream client; `close` drops its idle connections. */
export function httpUpstream(): { call: CallUpstream; close(): void } {
  const connections = new Connections()
  const deadlines = new Deadlines()
  const call: CallUpstream = async (c) => {
    const at = performance.now() + c.timeoutMs
    let result = await attempt(c, connections, deadlines, at)
    // A kept-alive connection the server had just closed, closed or reset before any answer:
    // the request most likely never reached the server (Node's documented case for a retry), so
    // it is sent once more, on a new connection. A new connection that fails is not retried.
    if (result.staleSocket) result = await attempt(c, connections, deadlines, at)
    if (result.answer) return result.answer
    if (result.expired) throw new DeadlineExceeded(c.timeoutMs)
    throw new UpstreamRequestFailed(result.error)
  }
  return { call, close: () => connections.close() }
}
