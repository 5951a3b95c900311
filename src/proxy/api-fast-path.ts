/**
 * /api/v1/* straight off Node's HTTP server. Proxied calls are most of what the studio serves,
 * and building a Request, a Hono context and a Response for each costs more than the rest of
 * the gateway together; so a plain request to a documented route is answered here: the checks
 * of the app's middlewares (allowed Host, access token, same-origin writes), the same forwarder
 * as the app's routes (./api-routes.ts), one log line, one writeHead and end. Whatever this does
 * not take (a request to refuse, a target to normalise, a body without a length, another path)
 * is left to the app, which answers it as it answers everything else.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import type { Hono } from 'hono'
import { isAllowedHostname } from '../shared/allowed-hosts.ts'
import { API_ROUTES, STUDIO_ROUTES } from '../shared/api-paths.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import { ACCESS_QUERY, carriesAccessToken } from './access-token.ts'
import { matchApiRoute, type ApiAnswer, type ApiForwarder, type ApiRequest, type ApiRoute } from './api-routes.ts'
import { errorResponse } from './error-response.ts'
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

/** Takes the request and answers it (true), or leaves it untouched for the app (false). */
export type FastPath = (incoming: IncomingMessage, outgoing: ServerResponse) => boolean

const API_PREFIX = `${STUDIO_ROUTES.apiV1}/`
/** Paths read as they are written: no percent-encoding, backslash or fragment (dot segments are checked apart). */
const PLAIN_PATH = /^[\w!$&'()*+,.:;=@~/-]*$/
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/
const PLAIN_QUERY = /^\?[\w!$&'()*+,./:;=?@[\]~-]*$/
/** A Host header @hono/node-server would also take as it is: a lower-case name or address, a port. */
const PLAIN_HOST = /^[a-z0-9._-]+(?::\d{1,5})?$/
const PLAIN_LENGTH = /^\d+$/
/** Hosts remembered (their origin, or null when refused); a request naming another is judged anew. */
const HOSTS_KEPT = 32

/** A header by lower-case name, repeats joined as the Headers of a Request join them. */
function headerOf(raw: string[]): (name: string) => string | undefined {
  let names: string[] | undefined
  return (name) => {
    names ??= raw.map((value, i) => (i % 2 === 0 ? value.toLowerCase() : ''))
    let found: string | undefined
    for (let i = 0; i < names.length; i += 2) if (names[i] === name) found = found === undefined ? raw[i + 1]! : `${found}, ${raw[i + 1]!}`
    return found
  }
}

async function write(outgoing: ServerResponse, answer: ApiAnswer): Promise<void> {
  if (answer instanceof Response) {
    const text = await answer.text()
    const headers: Record<string, string> = Object.fromEntries(answer.headers)
    headers['content-length'] = String(Buffer.byteLength(text))
    outgoing.writeHead(answer.status, headers).end(text)
    return
  }
  answer.headers['content-length'] = String(Buffer.byteLength(answer.text))
  outgoing.writeHead(answer.status, answer.headers).end(answer.text)
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

  async function answer(outgoing: ServerResponse, route: ApiRoute, request: ApiRequest, path: string) {
    const started = performance.now()
    let status: number
    try {
      const answered = await forwarder(route.key, route.taskId, request)
      status = answered.status
      await write(outgoing, answered)
    } catch (error) {
      const { name, message } = error as Error
      log(`${request.method} ${shortPath(path)} failed: ${name}: ${message}`)
      const failed = errorResponse('InternalError', 'The studio server failed while handling this request; see its log.')
      status = failed.status
      if (!outgoing.headersSent) await write(outgoing, failed)
    }
    log(requestLine(request.method, path, status, started))
  }

  return (incoming, outgoing) => {
    const target = incoming.url ?? ''
    if (!target.startsWith(API_PREFIX)) return false
    const query = target.indexOf('?')
    const path = query < 0 ? target : target.slice(0, query)
    const search = query < 0 ? '' : target.slice(query)
    if (!PLAIN_PATH.test(path) || DOT_SEGMENT.test(path) || (search && !PLAIN_QUERY.test(search))) return false
    const route = matchApiRoute(path.slice(STUDIO_ROUTES.apiV1.length))
    const method = incoming.method ?? ''
    if (!route || method !== API_ROUTES[route.key].method) return false
    const header = headerOf(incoming.rawHeaders)
    const host = header('host')
    const origin = host !== undefined && PLAIN_HOST.test(host) ? originOf(host) : null
    if (!origin) return false
    if (isCrossSiteWrite(method, header, origin)) return false
    if (accessToken) {
      const fromLink = search && method === 'GET' && new URLSearchParams(search).has(ACCESS_QUERY)
      if (fromLink || !carriesAccessToken(header, accessToken)) return false
    }
    // A body is read here only with its length declared, within the limit: the app judges the rest.
    const length = header('content-length')
    const chunked = header('transfer-encoding') !== undefined
    const readsBody = method === 'POST' && route.key !== 'cancel'
    if (
      readsBody ? chunked || !length || !PLAIN_LENGTH.test(length) || Number(length) > MAX_BODY_BYTES : chunked || (length ?? '0') !== '0'
    )
      return false

    let cut = false
    const request: ApiRequest = {
      method,
      header,
      search,
      origin,
      readBody: async () => {
        const body = await readIncomingBody(incoming, length, MAX_BODY_BYTES, { json: true })
        cut = body === TOO_COMPLEX
        return body
      },
    }
    void answer(outgoing, route, request, path).finally(() => cut && drainUnread(incoming))
    return true
  }
}

/** Node's request listener for the studio: the fast path first, the app for whatever it leaves. */
export function studioListener(app: Hono, fastPath: FastPath, hostname?: string): RequestListener {
  const answer = getRequestListener(app.fetch, { hostname })
  return (incoming, outgoing) => {
    if (!fastPath(incoming, outgoing)) void answer(incoming, outgoing)
  }
}
