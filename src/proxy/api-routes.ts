/**
 * /api/v1/*: the documented DashScope paths, checked with the contract and forwarded with the
 * gateway's key. The checks and the forwarding live in `ApiForwarder`, which knows no server:
 * the Hono routes below call it, and so does the fast path that takes plain requests straight
 * off Node's server (./api-fast-path.ts).
 */
import { Hono, type Context } from 'hono'
import { API_PATHS, API_ROUTES } from '../shared/api-paths.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import { validateImageSynthesis, validateMultimodal } from '../shared/validate.ts'
import { errorResponse, refusal } from './error-response.ts'
import { FourThreeFallback, refusesSize, SIZE_USED_HEADER } from './four-three-fallback.ts'
import { refuseInvalid, type Validator } from './json-body.ts'
import { bodyTooLarge, readBody, structureTooLarge, TOO_COMPLEX, TOO_LARGE, type BodyRead } from './request-body.ts'
import { relayedHeaders, upstreamFailure, upstreamHeaders } from './upstream.ts'
import type { CallUpstream, UpstreamAnswer } from './upstream-client.ts'

export interface ApiTimeouts {
  /** The sync multimodal endpoint renders before it answers, so it gets longer. */
  multimodalMs: number
  defaultMs: number
}

export interface ApiForwarding {
  apiKey: string
  /** The upstream base URL (ending in /api/v1) for a request that reached the studio at `origin`. */
  baseUrlFor: (origin: string) => string
  call: CallUpstream
  timeouts: ApiTimeouts
  /** Names the upstream mid-sentence in messages, e.g. "DashScope (singapore)". */
  name: string
}

export type RouteKey = keyof typeof API_ROUTES

/** What the forwarder needs of a request, whichever server took it. */
export interface ApiRequest {
  method: string
  /** A request header by its lower-case name. */
  header: (name: string) => string | undefined
  /** The query as it arrived, from its `?` ('' when there is none). */
  search: string
  /** The studio's origin as this request reached it. */
  origin: string
  /**
   * The body within MAX_BODY_BYTES, metered as JSON (./request-body.ts); as it is when it has
   * already been read, which the forwarder then uses without waiting.
   */
  readBody: () => BodyRead | Promise<BodyRead>
}

/** The upstream's JSON answer as it is relayed: written as it is, no Response built on the way. */
export interface RelayedJson {
  status: number
  headers: Record<string, string>
  text: string
}

/** A relayed answer, or one the gateway wrote itself (a refusal, an upstream failure). */
export type ApiAnswer = RelayedJson | Response

export type ApiForwarder = (key: RouteKey, taskId: string, request: ApiRequest) => Promise<ApiAnswer>

const VALIDATORS: Partial<Record<RouteKey, Validator>> = {
  multimodal: validateMultimodal,
  imageSynthesis: validateImageSynthesis,
}

const UPSTREAM_PATHS: Record<RouteKey, (taskId: string) => string> = {
  multimodal: () => API_PATHS.multimodal,
  imageSynthesis: () => API_PATHS.imageSynthesis,
  task: API_PATHS.task,
  cancel: API_PATHS.cancel,
  tasks: () => API_PATHS.tasks,
  uploads: () => API_PATHS.uploads,
}

const ROUTES = Object.entries(API_ROUTES) as [RouteKey, (typeof API_ROUTES)[RouteKey]][]

const DOCUMENTED = ROUTES.map(([, r]) => `${r.method} ${r.path}`).join(', ')

/** Each route's path (below /api/v1) as a pattern; `:taskId` stands for one path segment. */
const ROUTE_PATTERNS = ROUTES.map(([key, route]) => ({
  key,
  pattern: new RegExp(`^${route.path.replace(':taskId', '([^/]+)')}$`),
}))

export interface ApiRoute {
  key: RouteKey
  taskId: string
}

/**
 * The route a path below /api/v1 names, with its task id, as Hono routes it; for paths without
 * percent-encoding (a task id in the path is then taken as it is written).
 */
export function matchApiRoute(path: string): ApiRoute | undefined {
  for (const { key, pattern } of ROUTE_PATTERNS) {
    const found = pattern.exec(path)
    if (found) return { key, taskId: found[1] ?? '' }
  }
  return undefined
}

export const isOk = (answer: ApiAnswer) => answer.status >= 200 && answer.status < 300

function relayJson(upstream: UpstreamAnswer, f: ApiForwarding): ApiAnswer {
  const { text } = upstream
  const type = upstream.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  if (type.includes('application/json') && isJson(text)) {
    const headers = relayedHeaders(upstream.headers, f.apiKey)
    headers['x-content-type-options'] = 'nosniff'
    return { status: upstream.status, headers, text: text.replaceAll(f.apiKey, '[redacted]') }
  }
  return errorResponse(
    'UpstreamBadResponse',
    `Unexpected answer from ${f.name}: HTTP ${upstream.status} with ${type || 'no content type'} instead of JSON.`,
  )
}

/** Over HTTP/1.1 a request has a body only if it says so, with a length or chunks. */
function declaresBody(request: ApiRequest): boolean {
  const length = request.header('content-length')
  return request.header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0')
}

function isJsonType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json'
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/**
 * The upstream headers made from a request's headers, kept while the same `header` function is
 * in use: a kept-alive connection that sends the same headers again passes the same one
 * (./api-connections.ts), and its calls then share one frozen record.
 */
const sentHeaders = new WeakMap<ApiRequest['header'], Readonly<Record<string, string>>>()

function headersFor(request: ApiRequest, apiKey: string): Readonly<Record<string, string>> {
  let headers = sentHeaders.get(request.header)
  if (!headers) sentHeaders.set(request.header, (headers = Object.freeze(upstreamHeaders(request.header, apiKey))))
  return headers
}

function forward(request: ApiRequest, f: ApiForwarding, url: string, body: Buffer | undefined, timeoutMs: number): Promise<ApiAnswer> {
  const call = f.call({
    url,
    method: request.method,
    headers: headersFor(request, f.apiKey),
    body: body?.byteLength ? body : undefined,
    timeoutMs,
  })
  return call.then(
    (upstream) => relayJson(upstream, f),
    (error: unknown) => upstreamFailure(error, f.name, f.apiKey),
  )
}

/** Sends a generation; a 4:3 size refused in one spelling is sent once more in the other. */
async function forwardGeneration(
  request: ApiRequest,
  f: ApiForwarding,
  url: string,
  body: Buffer,
  timeoutMs: number,
  sizes: FourThreeFallback,
) {
  const plan = sizes.plan(body)
  if (!plan) return forward(request, f, url, body, timeoutMs)
  const first = await forward(request, f, url, plan.body, timeoutMs)
  const [answer, used] = (await refusesSize(first))
    ? [await forward(request, f, url, plan.retryBody, timeoutMs), plan.retrySize]
    : [first, plan.size]
  if (!isOk(answer)) return answer
  sizes.remember(plan.canonical, used)
  if (answer instanceof Response) answer.headers.set(SIZE_USED_HEADER, used)
  else answer.headers[SIZE_USED_HEADER.toLowerCase()] = used
  return answer
}

/** Checks a request to one of the documented routes and forwards it with the key. */
export function createApiForwarder(f: ApiForwarding): ApiForwarder {
  const sizes = new FourThreeFallback()
  return async (key, taskId, request) => {
    const route = API_ROUTES[key]
    if (request.method !== route.method)
      return refusal('MethodNotAllowed', `${request.method} is not allowed on ${route.path}; use ${route.method}.`, {
        Allow: route.method,
      })
    // Cancelling takes no body: a declared one is refused unread, never forwarded.
    if (key === 'cancel' && declaresBody(request))
      return refusal('InvalidParameter', 'Cancelling a task takes no request body; send the POST without one.')
    const read = route.method === 'POST' && key !== 'cancel' ? request.readBody() : undefined
    // Not awaited when it is there: an await hands the turn to the connection's stream bookkeeping
    // (and whatever else is queued) before the request can go upstream.
    const body = read instanceof Promise ? await read : read
    if (body === TOO_LARGE) return bodyTooLarge()
    if (body === TOO_COMPLEX) return structureTooLarge()
    if (body?.byteLength && !isJsonType(request.header('content-type')))
      return refusal(
        'UnsupportedMediaType',
        `The request body must be JSON (Content-Type: application/json), not ${request.header('content-type') || 'undeclared'}.`,
      )
    const validate = VALIDATORS[key]
    const refused = body && validate ? refuseInvalid(body, validate) : null
    if (refused) return refused
    const timeoutMs = key === 'multimodal' ? f.timeouts.multimodalMs : f.timeouts.defaultMs
    // The request's query as it arrived (its URL was checked and normalised when it was read).
    const url = f.baseUrlFor(request.origin) + UPSTREAM_PATHS[key](taskId) + (request.search === '?' ? '' : request.search)
    if (body?.byteLength && (key === 'multimodal' || key === 'imageSynthesis'))
      return forwardGeneration(request, f, url, body, timeoutMs, sizes)
    return forward(request, f, url, body, timeoutMs)
  }
}

export function asResponse(answer: ApiAnswer): Response {
  return answer instanceof Response ? answer : new Response(answer.text, { status: answer.status, headers: answer.headers })
}

function fromContext(c: Context): ApiRequest {
  const query = c.req.url.indexOf('?')
  return {
    method: c.req.method,
    header: (name) => c.req.header(name),
    search: query < 0 ? '' : c.req.url.slice(query),
    origin: new URL(c.req.url).origin,
    readBody: () => readBody(c, MAX_BODY_BYTES, { json: true }),
  }
}

/** The routes below /api/v1, to be mounted there. */
export function createApiRoutes(forwarder: ApiForwarder): Hono {
  const api = new Hono()
  for (const [key, route] of ROUTES)
    api.all(route.path, async (c) => asResponse(await forwarder(key, c.req.param('taskId') ?? '', fromContext(c))))
  api.all('*', (c) =>
    refusal('NotFound', `${c.req.path} is not a documented DashScope path. The studio forwards only these, below /api/v1: ${DOCUMENTED}.`),
  )
  return api
}
