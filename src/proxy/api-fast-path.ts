/**
 * /api/v1/* straight off Node's HTTP server. Proxied calls are most of what the studio serves,
 * and building a Request, a Hono context and a Response for each costs more than the rest of
 * the gateway together; so a plain request to a documented route is answered here: the checks
 * of the app's middlewares (allowed Host, access token, same-origin writes), the same forwarder
 * as the app's routes (./api-routes.ts), one log line, one writeHead and end. Whatever this does
 * not take (a request to refuse, a target to normalise, a body without a length, another path)
 * is left to the app, which answers it as it answers everything else. Two servers take requests
 * this way: Node's (`studioListener`) and the gateway's own connections (./api-connections.ts).
 */
import type { RequestListener, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import { isAllowedHostname } from '../shared/allowed-hosts.ts'
import { API_ROUTES, STUDIO_ROUTES } from '../shared/api-paths.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import { ACCESS_QUERY, carriesAccessToken } from './access-token.ts'
import { matchApiRoute, type ApiAnswer, type ApiForwarder, type ApiRequest, type ApiRoute, type RelayedJson } from './api-routes.ts'
import { errorResponse } from './error-response.ts'
import { DOT_SEGMENT } from './http-fields.ts'
import { drainUnread, readIncomingBody, TOO_COMPLEX } from './request-body.ts'
import { isCrossSiteWrite, requestLine, shortPath } from './request-guards.ts'

export interface FastPathOptions {
  forwarder: ApiForwarder
  /** As the app's Host check has them: names answered besides loopback and IP addresses. */
  allowedHosts: readonly string[]
  accessToken?: string
  /** The gateway's request log (it blanks the secrets out). */
  log: (line: string) => void
}

/** A request's head as it arrived: the method, the target as written, its headers (`headerOf`). */
export interface RequestHead {
  method: string
  target: string
  header: (name: string) => string | undefined
}

/** A request the fast path takes: all the forwarder needs but its body, and the body's declared length. */
export interface PlainCall {
  route: ApiRoute
  path: string
  request: Omit<ApiRequest, 'readBody'>
  bodyLength: number
}

export interface FastPath {
  /** The call a plain request makes, or undefined when the app is to answer it. */
  take(head: RequestHead): PlainCall | undefined
  /**
   * Forwards a taken call, hands its answer to `write` and logs it; never rejects. Should `write`
   * throw, it is handed the studio's own failure next, which it writes unless it began the first.
   */
  answer(call: PlainCall, readBody: ApiRequest['readBody'], write: (answer: RelayedJson) => void): Promise<void>
}

const API_PREFIX = `${STUDIO_ROUTES.apiV1}/`
/** Paths read as they are written: no percent-encoding, backslash or fragment (dot segments are checked apart). */
const PLAIN_PATH = /^[\w!$&'()*+,.:;=@~/-]*$/
const PLAIN_QUERY = /^\?[\w!$&'()*+,./:;=?@[\]~-]*$/
/** A Host header @hono/node-server would also take as it is: a lower-case name or address, a port. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::\d{1,5})?$/
const PLAIN_LENGTH = /^\d+$/
/** Hosts remembered (their origin, or null when refused); a request naming another is judged anew. */
const HOSTS_KEPT = 32

/** What the fast path asks of a request's headers. */
interface HeaderJudgment {
  /** The studio's origin as the Host names it, or null when the app is to judge the Host. */
  origin: string | null
  /** A write with these headers would come from another site (./request-guards.ts). */
  crossSiteWrite: boolean
  /** The access token is carried in a header or the cookie (or none is needed). */
  tokenCarried: boolean
  length: string | undefined
  chunked: boolean
}

/**
 * A header by lower-case name, repeats joined as the Headers of a Request join them, from the
 * headers as name, value, name, … (Node's rawHeaders). A connection that sends the same headers
 * again may keep using the one function (./api-connections.ts).
 */
export function headerOf(raw: readonly string[]): (name: string) => string | undefined {
  let names: string[] | undefined
  return (name) => {
    names ??= raw.map((value, i) => (i % 2 === 0 ? value.toLowerCase() : ''))
    let found: string | undefined
    for (let i = 0; i < names.length; i += 2) if (names[i] === name) found = found === undefined ? raw[i + 1]! : `${found}, ${raw[i + 1]!}`
    return found
  }
}

/** An answer as it is written: a Response the gateway made is read into text. */
async function written(answer: ApiAnswer): Promise<RelayedJson> {
  if (!(answer instanceof Response)) return answer
  return { status: answer.status, headers: Object.fromEntries(answer.headers), text: await answer.text() }
}

export function apiFastPath({ forwarder, allowedHosts, accessToken, log }: FastPathOptions): FastPath {
  const origins = new Map<string, string | null>()
  /** The studio's origin as `host` names it, when the app's Host check lets it through. */
  const originOf = (host: string): string | null => {
    let origin = origins.get(host)
    if (origin !== undefined) return origin
    const url = URL.parse(`http://${host}`)
    // A host the URL parser rewrites (127.1, a default port) is left to the app to judge.
    origin = url && url.host === host && isAllowedHostname(url.hostname, allowedHosts) ? url.origin : null
    if (origins.size < HOSTS_KEPT) origins.set(host, origin)
    return origin
  }

  /** What a request's headers say, whatever its target: kept while the same `header` is in use. */
  const judged = new WeakMap<RequestHead['header'], HeaderJudgment>()
  const judge = (header: RequestHead['header']): HeaderJudgment => {
    let judgment = judged.get(header)
    if (judgment) return judgment
    const host = header('host')
    const origin = host !== undefined && PLAIN_HOST.test(host) ? originOf(host) : null
    judgment = {
      origin,
      crossSiteWrite: !origin || isCrossSiteWrite('POST', header, origin),
      tokenCarried: !accessToken || carriesAccessToken(header, accessToken),
      length: header('content-length'),
      chunked: header('transfer-encoding') !== undefined,
    }
    judged.set(header, judgment)
    return judgment
  }

  function take({ method, target, header }: RequestHead): PlainCall | undefined {
    if (!target.startsWith(API_PREFIX)) return undefined
    const query = target.indexOf('?')
    const path = query < 0 ? target : target.slice(0, query)
    const search = query < 0 ? '' : target.slice(query)
    if (!PLAIN_PATH.test(path) || DOT_SEGMENT.test(path) || (search && !PLAIN_QUERY.test(search))) return undefined
    const route = matchApiRoute(path.slice(STUDIO_ROUTES.apiV1.length))
    if (!route || method !== API_ROUTES[route.key].method) return undefined
    const { origin, crossSiteWrite, tokenCarried, length, chunked } = judge(header)
    if (!origin) return undefined
    if (method !== 'GET' && crossSiteWrite) return undefined
    if (accessToken) {
      const fromLink = search && method === 'GET' && new URLSearchParams(search).has(ACCESS_QUERY)
      if (fromLink || !tokenCarried) return undefined
    }
    // A body is read here only with its length declared, within the limit: the app judges the rest.
    const readsBody = method === 'POST' && route.key !== 'cancel'
    if (
      readsBody ? chunked || !length || !PLAIN_LENGTH.test(length) || Number(length) > MAX_BODY_BYTES : chunked || (length ?? '0') !== '0'
    )
      return undefined
    return { route, path, request: { method, header, search, origin }, bodyLength: Number(length ?? 0) }
  }

  async function answer({ route, path, request }: PlainCall, readBody: ApiRequest['readBody'], write: (answer: RelayedJson) => void) {
    const started = performance.now()
    let status: number
    try {
      const forwarded = await forwarder(route.key, route.taskId, { ...request, readBody })
      // A relayed answer is written as it is, without another turn of the event loop's microtasks.
      const answered = forwarded instanceof Response ? await written(forwarded) : forwarded
      status = answered.status
      write(answered)
    } catch (error) {
      const { name, message } = error as Error
      log(`${request.method} ${shortPath(path)} failed: ${name}: ${message}`)
      const failed = await written(errorResponse('InternalError', 'The studio server failed while handling this request; see its log.'))
      status = failed.status
      // A writer that had begun its answer (a header it could not write throws before) leaves this.
      write(failed)
    }
    log(requestLine(request.method, path, status, started))
  }

  return { take, answer }
}

function writeNode(outgoing: ServerResponse, answer: RelayedJson): void {
  if (outgoing.headersSent) return
  answer.headers['content-length'] = String(Buffer.byteLength(answer.text))
  outgoing.writeHead(answer.status, answer.headers).end(answer.text)
}

/** Node's request listener for the studio: the fast path first, the app for whatever it leaves. */
export function studioListener(app: Hono, fastPath: FastPath, hostname?: string): RequestListener {
  const answer = getRequestListener(app.fetch, { hostname })
  return (incoming, outgoing) => {
    const call = fastPath.take({ method: incoming.method ?? '', target: incoming.url ?? '', header: headerOf(incoming.rawHeaders) })
    if (!call) return void answer(incoming, outgoing)
    let cut = false
    const readBody = async () => {
      const body = await readIncomingBody(incoming, call.request.header('content-length'), MAX_BODY_BYTES, { json: true })
      cut = body === TOO_COMPLEX
      return body
    }
    void fastPath.answer(call, readBody, (answered) => writeNode(outgoing, answered)).finally(() => cut && drainUnread(incoming))
  }
}
