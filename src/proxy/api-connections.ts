/**
 * The studio's connections are read here first, and handed to Node's HTTP server at the first
 * request this does not answer itself. Node's server costs a proxied call more than the rest of
 * the gateway does (its parser's callbacks, an IncomingMessage and a ServerResponse with their
 * streams, their timers), and a plain /api/v1 call needs none of it: so while a connection brings
 * requests the fast path takes (./api-fast-path.ts) whose head and body have all arrived, each
 * is answered on the socket, in order. The first request that is anything else (another route, a
 * request to refuse, a head or body still on its way, an upgrade, HTTP/1.0, a head this strict
 * reader does not take) goes to Node's server with its connection and every byte not yet used,
 * and Node keeps that connection from then on. Nothing here waits for the rest of a request, so
 * Node's own timeouts still guard every slow one; a connection idle here is closed after Node's
 * keepAliveTimeout (headersTimeout before its first request), as Node's server would close it.
 */
import { STATUS_CODES, type Server } from 'node:http'
import type { Socket } from 'node:net'
import type { RelayedJson } from './api-routes.ts'
import { headerOf, type FastPath, type PlainCall, type RequestHead } from './api-fast-path.ts'
import { exceedsJsonStructure } from '../shared/json-structure.ts'
import { fieldLine, headerField } from './http-fields.ts'
import { TOO_COMPLEX, type BodyRead } from './request-body.ts'

const HEAD_END = '\r\n\r\n'
/** Node's own limit (its maxHeaderSize): a larger head is left to Node, which refuses it. */
const MAX_HEAD_BYTES = 16 * 1024
/** Bytes held while a request is answered (pipelined requests) before the socket is paused. */
const MAX_HELD_BYTES = 64 * 1024
const REQUEST_LINE = /^([A-Z]+) ([^ ]+) HTTP\/1\.1$/
/** Anything but printable ASCII, tab, CR and LF: such a head is Node's to judge. */
const UNUSUAL_BYTE = /[^\t\r\n\x20-\x7e]/
/** A head is Latin-1: past ASCII, its bytes are not its UTF-8. */
const PAST_ASCII = /[\u0080-\u00ff]/
/** Header blocks remembered per connection: a client alternating a poll and a submit sends two. */
const FIELDS_KEPT = 4
/** Request lines remembered with each: a browser polls a few tasks at a time. */
const CALLS_KEPT = 16
/** How often connections idle here are looked over. */
const IDLE_SWEEP_MS = 1000

/** A head's header lines, read: what the fast path asks of them, and whether they ask to close. */
interface Fields {
  header: RequestHead['header']
  /** The client asked for the connection to close after this answer. */
  close: boolean
}

/** Header lines (each ending in CRLF), or undefined when they are not ones this reader takes as they are. */
function fieldsOf(text: string): Fields | undefined {
  if (UNUSUAL_BYTE.test(text)) return undefined
  const lines = text.split('\r\n')
  const rawHeaders: string[] = []
  let close = false
  // The last line is the empty one after the final CRLF.
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i]!
    // A bare CR or LF, or a folded line, is not read here.
    if (line.includes('\n') || line.includes('\r')) return undefined
    const field = headerField(line)
    if (!field) return undefined
    const name = field[0].toLowerCase()
    if (name === 'upgrade' || name === 'expect') return undefined
    if (name === 'connection')
      for (const option of field[1].toLowerCase().split(',')) {
        const token = option.trim()
        if (token === 'upgrade') return undefined
        if (token === 'close') close = true
      }
    rawHeaders.push(field[0], field[1])
  }
  return { header: headerOf(rawHeaders), close }
}

/** The body as the app would read it, metered as JSON (../shared/json-structure.ts). */
function metered(body: Buffer): BodyRead {
  return exceedsJsonStructure(body) ? TOO_COMPLEX : body
}

let dateSecond = -1
let dateText = ''
/** The Date header's value, made once a second. */
function httpDate(): string {
  const now = Date.now()
  if (Math.floor(now / 1000) !== dateSecond) {
    dateSecond = Math.floor(now / 1000)
    dateText = new Date(now).toUTCString()
  }
  return dateText
}

/** The answer's head as Node's server writes it for a ServerResponse's writeHead and end. */
function answerHead(answer: RelayedJson, close: boolean, keepAliveMs: number): string {
  let head = `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? 'unknown'}\r\n`
  for (const name in answer.headers) if (name !== 'content-length') head += fieldLine(name, answer.headers[name]!, "an answer's")
  if (!('date' in answer.headers)) head += `Date: ${httpDate()}\r\n`
  head += close ? 'Connection: close\r\n' : `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(keepAliveMs / 1000)}\r\n`
  return `${head}Content-Length: ${Buffer.byteLength(answer.text)}\r\n\r\n`
}

/** A connection read here. */
interface Reading {
  /** performance.now() when it last finished an answer (or opened); undefined while answering. */
  idleSince: number | undefined
  /** Whether it has had a request: before the first, headersTimeout applies, after it keepAliveTimeout. */
  served: boolean
}

export interface ApiConnections {
  /** Closes the connections still read here (Node's server closes the ones it was handed). */
  closeAll(): void
}

/**
 * Takes `server`'s new connections: each is read here, as the file's comment says, and given to
 * the server's own connection handling at the first request the fast path does not take.
 */
export function serveApiConnections(server: Server, fastPath: FastPath): ApiConnections {
  const nodeHandling = server.listeners('connection') as ((socket: Socket) => void)[]
  server.removeAllListeners('connection')
  const open = new Map<Socket, Reading>()
  let sweeper: ReturnType<typeof setInterval> | undefined

  /** Closes the connections idle past their limit; one timer for all, none per request. */
  const sweep = () => {
    const now = performance.now()
    for (const [socket, reading] of open) {
      const limit = reading.served ? server.keepAliveTimeout : server.headersTimeout
      if (reading.idleSince !== undefined && limit > 0 && now - reading.idleSince >= limit) socket.destroy()
    }
    if (open.size === 0) {
      clearInterval(sweeper)
      sweeper = undefined
    }
  }

  server.on('connection', (socket: Socket) => {
    const reading: Reading = { idleSince: performance.now(), served: false }
    open.set(socket, reading)
    sweeper ??= setInterval(sweep, IDLE_SWEEP_MS).unref()
    /** Bytes read and not yet used: the next request, or part of it. */
    let held: Buffer | undefined
    /** The client has sent all it will (a half-close): the connection ends once it is answered. */
    let ended = false
    /**
     * The latest requests' header lines (newest first), what was read of them, and the calls taken
     * with them by request line: a client sends the same ones again (a poll, most of all), and
     * what the fast path makes of a head depends on nothing else.
     */
    const known: { text: string; read: Fields; calls: Map<string, PlainCall> }[] = []

    const onData = (chunk: Buffer) => {
      held = held ? Buffer.concat([held, chunk]) : chunk
      if (reading.idleSince !== undefined) next()
      else if (held.byteLength > MAX_HELD_BYTES) socket.pause()
    }
    const onEnd = () => {
      ended = true
      if (reading.idleSince !== undefined) next()
    }
    const onError = () => socket.destroy()
    socket.on('data', onData).on('end', onEnd).on('error', onError)
    socket.once('close', () => open.delete(socket))

    /** From here on the connection is Node's, with the bytes held, as if it had read them itself. */
    function handOver() {
      socket.off('data', onData).off('end', onEnd).off('error', onError)
      open.delete(socket)
      const bytes = held
      held = undefined
      for (const handle of nodeHandling) handle.call(server, socket)
      socket.resume()
      if (bytes) socket.emit('data', bytes)
    }

    function next() {
      if (!held) return void (ended && socket.end())
      // Latin-1: one character a byte, so offsets in the text are offsets in the bytes.
      const text = held.toString('latin1', 0, Math.min(held.byteLength, MAX_HEAD_BYTES + HEAD_END.length))
      const end = text.indexOf(HEAD_END)
      // The rest of a request that will not come: nothing to answer.
      if (ended && end < 0) return void socket.destroy()
      if (end < 0) return handOver()
      const lineEnd = text.indexOf('\r\n')
      const fieldText = text.slice(lineEnd + 2, end + 2)
      let entry = known.find((kept) => kept.text === fieldText)
      if (!entry) {
        const read = fieldsOf(fieldText)
        if (!read) return handOver()
        entry = { text: fieldText, read, calls: new Map() }
        if (known.unshift(entry) > FIELDS_KEPT) known.pop()
      }
      const { header, close } = entry.read
      const line = text.slice(0, lineEnd)
      let call = entry.calls.get(line)
      if (!call) {
        const requestLine = REQUEST_LINE.exec(line)
        if (!requestLine || UNUSUAL_BYTE.test(line)) return handOver()
        call = fastPath.take({ method: requestLine[1]!, target: requestLine[2]!, header })
        if (!call) return handOver()
        if (entry.calls.size >= CALLS_KEPT) entry.calls.clear()
        entry.calls.set(line, call)
      }
      const bodyStart = end + HEAD_END.length
      const bodyEnd = bodyStart + call.bodyLength
      if (held.byteLength < bodyEnd) return ended ? void socket.destroy() : handOver()
      const body = held.subarray(bodyStart, bodyEnd)
      held = bodyEnd < held.byteLength ? held.subarray(bodyEnd) : undefined
      reading.idleSince = undefined
      reading.served = true
      let sent = false
      const write = (answer: RelayedJson) => {
        if (sent || socket.destroyed) return
        const head = answerHead(answer, close, server.keepAliveTimeout)
        sent = true
        // One write when the head is ASCII (written as UTF-8 with the body); a Latin-1 head apart.
        if (!PAST_ASCII.test(head)) socket.write(head + answer.text)
        else {
          socket.cork()
          socket.write(head, 'latin1')
          socket.write(answer.text)
          socket.uncork()
        }
      }
      void fastPath
        .answer(call, () => metered(body), write)
        .then(() => {
          if (close) return void socket.end()
          reading.idleSince = performance.now()
          if (socket.isPaused()) socket.resume()
          next()
        })
    }
  })

  return {
    closeAll: () => {
      for (const socket of open.keys()) socket.destroy()
      open.clear()
      clearInterval(sweeper)
      sweeper = undefined
    },
  }
}
