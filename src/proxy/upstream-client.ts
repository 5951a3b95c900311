/**
 * JSON calls to the upstream API. Live, they go out on node:http(s) over keep-alive connections:
 * no Request/Response objects or web streams on the hot path, and the request body (up to 30 MB
 * of base64 images) is written from the Buffer it arrived in. The embedded simulator, and tests
 * that hand the gateway a fetch, are called through `callThrough`.
 */
import http from 'node:http'
import https from 'node:https'
import zlib from 'node:zlib'

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
 * Idle connections are closed after this long, below the idle timeouts servers commonly use
 * (5 s and up), so the gateway seldom sends on a connection the server is closing.
 */
export const IDLE_SOCKET_MS = 4000

function pairs(raw: string[]): [string, string][] {
  const out: [string, string][] = []
  for (let i = 0; i + 1 < raw.length; i += 2) out.push([raw[i]!.toLowerCase(), raw[i + 1]!])
  return out
}

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

interface Attempt {
  answer?: UpstreamAnswer
  error?: unknown
  /** The request went out on a kept-alive connection and failed before any answer. */
  staleSocket?: boolean
}

function attempt(call: UpstreamCall, agents: { http: http.Agent; https: https.Agent }): Promise<Attempt> {
  return new Promise((resolve) => {
    const url = new URL(call.url)
    const secure = url.protocol === 'https:'
    const headers = { ...call.headers, 'content-length': String(call.body?.byteLength ?? 0) }
    if (!call.body && (call.method === 'GET' || call.method === 'HEAD')) delete (headers as Record<string, string>)['content-length']
    let answered = false
    const request = (secure ? https : http).request(
      url,
      { method: call.method, headers, agent: secure ? agents.https : agents.http, signal: call.signal },
      (response) => {
        answered = true
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () => {
          try {
            const text = decoded(Buffer.concat(chunks), response.headers['content-encoding'])
            resolve({ answer: { status: response.statusCode ?? 0, headers: pairs(response.rawHeaders), text } })
          } catch (error) {
            resolve({ error })
          }
        })
        response.on('error', (error) => resolve({ error }))
        response.on('close', () => {
          if (!response.complete) resolve({ error: new Error('the upstream closed the connection mid-answer') })
        })
      },
    )
    request.on('error', (error: NodeJS.ErrnoException) => {
      const reset = error.code === 'ECONNRESET' || error.code === 'EPIPE'
      resolve({ error, staleSocket: reset && request.reusedSocket && !answered })
    })
    request.end(call.body)
  })
}

/** The live upstream client; `close` drops its idle connections. */
export function httpUpstream(): { call: CallUpstream; close(): void } {
  const agents = {
    http: new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    https: new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  }
  const call: CallUpstream = async (c) => {
    let result = await attempt(c, agents)
    // A kept-alive connection the server had just closed, reset before any answer: the request
    // most likely never reached the server (Node's documented case for a retry), so it is sent
    // once more, on a new connection. A new connection that fails is not retried.
    if (result.staleSocket && !c.signal.aborted) result = await attempt(c, agents)
    if (result.answer) return result.answer
    if (c.signal.aborted) throw c.signal.reason
    throw new UpstreamRequestFailed(result.error)
  }
  return {
    call,
    close: () => {
      agents.http.destroy()
      agents.https.destroy()
    },
  }
}
