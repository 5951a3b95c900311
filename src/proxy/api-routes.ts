/** /api/v1/*: the documented DashScope paths, checked with the contract and forwarded with the gateway's key. */
import { Hono, type Context } from 'hono'
import { API_PATHS, API_ROUTES } from '../shared/api-paths.ts'
import { validateImageSynthesis, validateMultimodal, type Validation } from '../shared/validate.ts'
import { errorResponse, refusal } from './error-response.ts'
import { relayedHeaders, upstreamFailure, upstreamHeaders, withDeadline, type SendUpstream } from './upstream.ts'

export interface ApiTimeouts {
  /** The sync multimodal endpoint renders before it answers, so it gets longer. */
  multimodalMs: number
  defaultMs: number
}

export interface ApiForwarding {
  apiKey: string
  /** The upstream base URL (ending in /api/v1) for this request. */
  baseUrlFor: (c: Context) => string
  send: SendUpstream
  timeouts: ApiTimeouts
  /** Names the upstream mid-sentence in messages, e.g. "DashScope (singapore)". */
  name: string
}

type RouteKey = keyof typeof API_ROUTES

const VALIDATORS: Partial<Record<RouteKey, (body: unknown) => Validation>> = {
  multimodal: validateMultimodal,
  imageSynthesis: validateImageSynthesis,
}

const UPSTREAM_PATHS: Record<RouteKey, (taskId: string) => string> = {
  multimodal: () => API_PATHS.multimodal,
  imageSynthesis: () => API_PATHS.imageSynthesis,
  task: API_PATHS.task,
  cancel: API_PATHS.cancel,
  tasks: () => API_PATHS.tasks,
}

const DOCUMENTED = Object.values(API_ROUTES)
  .map((r) => `${r.method} ${r.path}`)
  .join(', ')

/** A refusal when the body is not JSON or breaks a rule of the contract; null when it may go. */
function refuseInvalid(bytes: ArrayBuffer, validate: (body: unknown) => Validation): Response | null {
  let body: unknown
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    return refusal('InvalidParameter', 'The request body is not valid JSON.')
  }
  const result = validate(body)
  return result.ok ? null : refusal(result.issue.code, result.issue.message)
}

function relayJson(upstream: Response, text: string, f: ApiForwarding): Response {
  const type = upstream.headers.get('content-type') ?? ''
  if (type.includes('application/json') && isJson(text))
    return new Response(text.replaceAll(f.apiKey, '[redacted]'), {
      status: upstream.status,
      headers: redacted(relayedHeaders(upstream.headers), f.apiKey),
    })
  return errorResponse(
    'UpstreamBadResponse',
    `Unexpected answer from ${f.name}: HTTP ${upstream.status} with ${type || 'no content type'} instead of JSON.`,
  )
}

/** Should the upstream echo the key in a header, it goes no further than the gateway. */
function redacted(headers: Headers, apiKey: string): Headers {
  for (const [name, value] of [...headers]) if (value.includes(apiKey)) headers.set(name, value.replaceAll(apiKey, '[redacted]'))
  return headers
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

async function forward(c: Context, f: ApiForwarding, url: string, body: ArrayBuffer | undefined, timeoutMs: number) {
  try {
    return await withDeadline(timeoutMs, async (signal) => {
      const upstream = await f.send(
        new Request(url, {
          method: c.req.method,
          headers: upstreamHeaders(c.req.raw.headers, f.apiKey),
          body: body?.byteLength ? body : undefined,
          redirect: 'manual',
          signal,
        }),
      )
      return relayJson(upstream, await upstream.text(), f)
    })
  } catch (error) {
    return upstreamFailure(error, f.name, f.apiKey)
  }
}

/** The routes below /api/v1, to be mounted there. */
export function createApiRoutes(f: ApiForwarding): Hono {
  const api = new Hono()
  for (const [key, route] of Object.entries(API_ROUTES) as [RouteKey, (typeof API_ROUTES)[RouteKey]][]) {
    api.all(route.path, async (c) => {
      if (c.req.method !== route.method)
        return refusal('MethodNotAllowed', `${c.req.method} is not allowed on ${route.path}; use ${route.method}.`, {
          Allow: route.method,
        })
      const body = route.method === 'POST' ? await c.req.arrayBuffer() : undefined
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
      return forward(c, f, f.baseUrlFor(c) + path + new URL(c.req.url).search, body, timeoutMs)
    })
  }
  api.all('*', (c) =>
    refusal(
      'NotFound',
      `${c.req.path} is not a documented DashScope path. The studio forwards only these, below /api/v1: ${DOCUMENTED}.`,
    ),
  )
  return api
}
