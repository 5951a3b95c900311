/** /api/v1/*: the documented DashScope paths, checked with the contract and forwarded with the gateway's key. */
import { Hono, type Context } from 'hono'
import { API_PATHS, API_ROUTES } from '../shared/api-paths.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import { validateImageSynthesis, validateMultimodal } from '../shared/validate.ts'
import { errorResponse, refusal } from './error-response.ts'
import { FourThreeFallback, refusesSize, SIZE_USED_HEADER } from './four-three-fallback.ts'
import { refuseInvalid, type Validator } from './json-body.ts'
import { bodyTooLarge, readBody, structureTooLarge, TOO_COMPLEX, TOO_LARGE } from './request-body.ts'
import { relayedHeaders, upstreamFailure, upstreamHeaders, withDeadline } from './upstream.ts'
import type { CallUpstream, UpstreamAnswer } from './upstream-client.ts'

export interface ApiTimeouts {
  /** The sync multimodal endpoint renders before it answers, so it gets longer. */
  multimodalMs: number
  defaultMs: number
}

export interface ApiForwarding {
  apiKey: string
  /** The upstream base URL (ending in /api/v1) for this request. */
  baseUrlFor: (c: Context) => string
  call: CallUpstream
  timeouts: ApiTimeouts
  /** Names the upstream mid-sentence in messages, e.g. "DashScope (singapore)". */
  name: string
}

type RouteKey = keyof typeof API_ROUTES

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

const DOCUMENTED = Object.values(API_ROUTES)
  .map((r) => `${r.method} ${r.path}`)
  .join(', ')

function relayJson(upstream: UpstreamAnswer, f: ApiForwarding): Response {
  const { text } = upstream
  const type = upstream.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? ''
  if (type.includes('application/json') && isJson(text)) {
    const headers = redacted(relayedHeaders(upstream.headers), f.apiKey)
    headers['x-content-type-options'] = 'nosniff'
    return new Response(text.replaceAll(f.apiKey, '[redacted]'), { status: upstream.status, headers })
  }
  return errorResponse(
    'UpstreamBadResponse',
    `Unexpected answer from ${f.name}: HTTP ${upstream.status} with ${type || 'no content type'} instead of JSON.`,
  )
}

/** Should the upstream echo the key in a header, it goes no further than the gateway. */
function redacted(headers: Record<string, string>, apiKey: string): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) if (value.includes(apiKey)) headers[name] = value.replaceAll(apiKey, '[redacted]')
  return headers
}

/** Over HTTP/1.1 a request has a body only if it says so, with a length or chunks. */
function declaresBody(c: Context): boolean {
  const length = c.req.header('content-length')
  return c.req.header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0')
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

async function forward(c: Context, f: ApiForwarding, url: string, body: Buffer | undefined, timeoutMs: number) {
  try {
    return await withDeadline(timeoutMs, async (signal) => {
      const upstream = await f.call({
        url,
        method: c.req.method,
        headers: upstreamHeaders((name) => c.req.header(name), f.apiKey),
        body: body?.byteLength ? body : undefined,
        signal,
      })
      return relayJson(upstream, f)
    })
  } catch (error) {
    return upstreamFailure(error, f.name, f.apiKey)
  }
}

/** Sends a generation; a 4:3 size refused in one spelling is sent once more in the other. */
async function forwardGeneration(c: Context, f: ApiForwarding, url: string, body: Buffer, timeoutMs: number, sizes: FourThreeFallback) {
  const plan = sizes.plan(body)
  if (!plan) return forward(c, f, url, body, timeoutMs)
  const first = await forward(c, f, url, plan.body, timeoutMs)
  const [answer, used] = (await refusesSize(first))
    ? [await forward(c, f, url, plan.retryBody, timeoutMs), plan.retrySize]
    : [first, plan.size]
  if (answer.ok) {
    sizes.remember(plan.canonical, used)
    answer.headers.set(SIZE_USED_HEADER, used)
  }
  return answer
}

/** The routes below /api/v1, to be mounted there. */
export function createApiRoutes(f: ApiForwarding): Hono {
  const api = new Hono()
  const sizes = new FourThreeFallback()
  for (const [key, route] of Object.entries(API_ROUTES) as [RouteKey, (typeof API_ROUTES)[RouteKey]][]) {
    api.all(route.path, async (c) => {
      if (c.req.method !== route.method)
        return refusal('MethodNotAllowed', `${c.req.method} is not allowed on ${route.path}; use ${route.method}.`, {
          Allow: route.method,
        })
      // Cancelling takes no body: a declared one is refused unread, never forwarded.
      if (key === 'cancel' && declaresBody(c))
        return refusal('InvalidParameter', 'Cancelling a task takes no request body; send the POST without one.')
      const body = route.method === 'POST' && key !== 'cancel' ? await readBody(c, MAX_BODY_BYTES, { json: true }) : undefined
      if (body === TOO_LARGE) return bodyTooLarge()
      if (body === TOO_COMPLEX) return structureTooLarge()
      if (body?.byteLength && !isJsonType(c.req.header('content-type')))
        return refusal(
          'UnsupportedMediaType',
          `The request body must be JSON (Content-Type: application/json), not ${c.req.header('content-type') || 'undeclared'}.`,
        )
      const validate = VALIDATORS[key]
      const refused = body && validate ? refuseInvalid(body, validate) : null
      if (refused) return refused
      const path = UPSTREAM_PATHS[key](c.req.param('taskId') ?? '')
      const timeoutMs = key === 'multimodal' ? f.timeouts.multimodalMs : f.timeouts.defaultMs
      // The request's query as it arrived (its URL was checked and normalised when it was read).
      const query = c.req.url.indexOf('?')
      const url = f.baseUrlFor(c) + path + (query < 0 || query === c.req.url.length - 1 ? '' : c.req.url.slice(query))
      if (body?.byteLength && (key === 'multimodal' || key === 'imageSynthesis'))
        return forwardGeneration(c, f, url, body, timeoutMs, sizes)
      return forward(c, f, url, body, timeoutMs)
    })
  }
  api.all('*', (c) =>
    refusal('NotFound', `${c.req.path} is not a documented DashScope path. The studio forwards only these, below /api/v1: ${DOCUMENTED}.`),
  )
  return api
}
