/** Talking to the upstream: which headers cross, deadlines, and how failures read. */
import { ASYNC_HEADER } from '../shared/api-paths.ts'
import { errorResponse } from './error-response.ts'

/** Sends one request upstream: global fetch in live mode, the simulator in-process otherwise. */
export type SendUpstream = (request: Request) => Promise<Response>

export const USER_AGENT = 'qwen-image-studio-gateway/0.1'

/** The only request headers a browser's request carries upstream; everything else is dropped. */
const FORWARDED_REQUEST_HEADERS = [
  'content-type',
  'accept',
  ASYNC_HEADER.toLowerCase(),
  'x-dashscope-datainspection',
  'x-dashscope-workspace',
  'x-dashscope-ossresourceresolve',
]

/** Headers for the upstream request: the allowed ones from the browser, the gateway's key and user agent. */
export function upstreamHeaders(header: (name: string) => string | undefined, apiKey: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = header(name)
    if (value !== undefined) headers[name] = value
  }
  headers.authorization = `Bearer ${apiKey}`
  headers['user-agent'] = USER_AGENT
  return headers
}

/** Hop-by-hop headers (RFC 9110 §7.6.1), cookies, and what fetch already undid (encoding, length). */
const DROPPED_RESPONSE_HEADERS = [
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'set-cookie',
  'content-encoding',
  'content-length',
]

const DROPPED = new Set(DROPPED_RESPONSE_HEADERS)

/**
 * The upstream's response headers minus the ones that must not reach the browser, as a plain
 * record (names in lower case, repeated ones joined as Headers joins them): the server writes
 * it as it is, without building a Headers object on every answer. Should a value quote `secret`
 * (the key), it is blanked out. One pass: this is on every proxied answer's path.
 */
export function relayedHeaders(upstream: Iterable<[string, string]>, secret?: string): Record<string, string> {
  const headers = Object.create(null) as Record<string, string>
  let connection = ''
  for (const [raw, given] of upstream) {
    const name = raw.toLowerCase()
    if (name === 'connection') connection += `,${given}`
    if (DROPPED.has(name)) continue
    const value = secret && given.includes(secret) ? given.replaceAll(secret, '[redacted]') : given
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value
  }
  // The headers the upstream's Connection header names are hop-by-hop too.
  if (connection) for (const named of connection.split(',')) delete headers[named.trim().toLowerCase()]
  return headers
}

export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`)
    this.name = 'DeadlineExceeded'
  }
}

/**
 * Runs `work` with a signal that is aborted after `ms`, and rejects with DeadlineExceeded then,
 * even when the work ignores its signal (the in-process simulator may).
 */
export function withDeadline<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new DeadlineExceeded(ms)
      controller.abort(error)
      reject(error)
    }, ms)
    work(controller.signal)
      .finally(() => clearTimeout(timer))
      .then(resolve, reject)
  })
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  const detail = cause?.code ?? cause?.message ?? (error as Error | undefined)?.message
  return typeof detail === 'string' && detail ? ` (${detail})` : ''
}

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`)

/**
 * The JSON answer for an upstream that failed or did not answer in time. `what` names it
 * mid-sentence; `secret` (the key) is blanked out of the cause, should an error quote it.
 */
export function upstreamFailure(error: unknown, what: string, secret?: string): Response {
  if (error instanceof DeadlineExceeded)
    return errorResponse(
      'UpstreamTimeout',
      `No answer from ${what} within ${seconds(error.ms)}. ` +
        'The request may still finish upstream, so wait a moment before sending it again.',
    )
  return errorResponse(
    'UpstreamUnavailable',
    `The studio could not reach ${what}${secret ? causeOf(error).replaceAll(secret, '[redacted]') : causeOf(error)}. ` +
      'Check the network connection and try again.',
  )
}
