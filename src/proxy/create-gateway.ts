/**
 * The studio server's API: /api/v1/* forwarded with the gateway's key, /api/image, /api/config,
 * /api/health and, in simulator mode, the embedded simulator at /simulator.
 */
import { Hono, type Context, type Handler, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { isAllowedHostname } from '../shared/allowed-hosts.ts'
import { REGION_BASE_URLS, STUDIO_ROUTES, workspaceBaseUrl } from '../shared/api-paths.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import { MINUTE_MS, MODELS, priceOf, type Region } from '../shared/models.ts'
import type { StudioConfig } from '../shared/schemas.ts'
import { requireAccessToken } from './access-token.ts'
import { apiFastPath, type FastPath } from './api-fast-path.ts'
import { createApiForwarder, createApiRoutes, type ApiForwarding, type ApiTimeouts } from './api-routes.ts'
import { errorResponse, refusal } from './error-response.ts'
import { imageHandler } from './image-route.ts'
import type { JobQueue } from './jobs/embedded-queue.ts'
import { jobRoutes } from './jobs/job-routes.ts'
import type { InternalFetch } from './jobs/queue-upstream.ts'
import { ocrFileHandler } from './ocr-files.ts'
import { bodyTooLarge } from './request-body.ts'
import { API_KEY_VARIABLE } from './server-config.ts'
import type { SendUpstream } from './upstream.ts'
import { callThrough, httpUpstream, type CallUpstream } from './upstream-client.ts'
import { isCrossSiteWrite, requestLine, shortPath } from './request-guards.ts'

/** What the gateway needs of the simulator; src/simulator's Simulator has it. */
export interface EmbeddedSimulator {
  fetch(request: Request): Promise<Response>
  options(): { apiKeys: readonly string[]; minuteMs?: number }
}

export interface GatewayTimeouts extends ApiTimeouts {
  /** /api/image, until the image's headers arrive. */
  imageMs: number
}

export const DEFAULT_TIMEOUTS: GatewayTimeouts = { multimodalMs: 60_000, defaultMs: 30_000, imageMs: 30_000 }

export interface GatewayOptions {
  mode: 'live' | 'simulator'
  region: Region
  /** Required live; in simulator mode it defaults to the simulator's first key when created. */
  apiKey?: string
  /** DASHSCOPE_BASE_URL (ends in /api/v1); live mode forwards there instead of the region's base URL. */
  baseUrl?: string
  /** DASHSCOPE_WORKSPACE_ID: live mode forwards to the region's workspace domain (baseUrl wins). */
  workspaceId?: string
  /** Required in simulator mode: answers /api/v1/* in-process and is mounted at /simulator. */
  simulator?: EmbeddedSimulator
  /** For the network (live upstream, result hosts); global fetch by default. */
  fetch?: typeof fetch
  /** One line per request: method, path, status, milliseconds. Never the key, a query or a body. */
  log?: (line: string) => void
  timeouts?: Partial<GatewayTimeouts>
  /** STUDIO_ACCESS_TOKEN: every request (but /api/health), pages included, must carry it. */
  accessToken?: string
  /** Host names answered besides loopback and IP addresses: HOST and STUDIO_ALLOWED_HOSTS. */
  allowedHosts?: readonly string[]
  /**
   * The account's job queue, mounted at /api/jobs. It is given the gateway's own /api/v1 and
   * /api/image routes to call in-process, and the per-model limits' minute.
   */
  jobs?: (ctx: { internal: InternalFetch; minuteMs: () => number }) => JobQueue
}

const originOf = (c: Context) => new URL(c.req.url).origin
const simulatorApiBase = (origin: string) => `${origin}${STUDIO_ROUTES.simulator}${STUDIO_ROUTES.apiV1}`

/** A URL to show people: no credentials, query or fragment. */
function publicUrl(raw: string): string {
  const url = new URL(raw)
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

type Upstream = Omit<ApiForwarding, 'timeouts'>

function resolveUpstream(opts: GatewayOptions, callNetwork: CallUpstream): Upstream {
  if (opts.mode === 'simulator') {
    const simulator = opts.simulator
    if (!simulator) throw new Error('createGateway: simulator mode needs a simulator')
    // Taken once: changing the simulator's keys later (/__admin/config) can then show a key refused.
    const apiKey = opts.apiKey || simulator.options().apiKeys[0]
    if (!apiKey) throw new Error('createGateway: the simulator accepts no API key')
    return {
      apiKey,
      name: 'the embedded simulator',
      baseUrlFor: simulatorApiBase,
      call: callThrough((request) => simulator.fetch(request)),
    }
  }
  if (!opts.apiKey) throw new Error('createGateway: live mode needs an API key (DASHSCOPE_API_KEY)')
  const base =
    opts.baseUrl?.replace(/\/+$/, '') ??
    (opts.workspaceId ? workspaceBaseUrl(opts.region, opts.workspaceId) : REGION_BASE_URLS[opts.region])
  return {
    apiKey: opts.apiKey,
    name: opts.baseUrl
      ? `the upstream at ${new URL(base).host}`
      : opts.workspaceId
        ? `DashScope (${opts.region}, workspace ${opts.workspaceId})`
        : `DashScope (${opts.region})`,
    baseUrlFor: () => base,
    call: callNetwork,
  }
}

const sameOriginWrites: MiddlewareHandler = async (c, next) => {
  if (isCrossSiteWrite(c.req.method, (name) => c.req.header(name), originOf(c))) {
    const origin = c.req.header('origin')
    return refusal(
      'AccessDenied',
      `The studio's API takes requests only from its own pages (this one came from ${origin ?? 'another site'}).`,
    )
  }
  await next()
}

/**
 * Checked before anything else, on every route: see ../shared/allowed-hosts.ts. A refused
 * request runs nothing else (no token check, no route, no upstream call).
 */
function allowedHostsOnly(allowed: readonly string[], log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    // @hono/node-server builds the URL from the Host header; app.request() from its argument.
    const hostname = new URL(c.req.url).hostname
    if (isAllowedHostname(hostname, allowed)) return next()
    const shown = hostname.length > 100 ? `${hostname.slice(0, 100)}…` : hostname
    log(`${c.req.method} ${shortPath(c.req.path)} 403 refused: Host ${shown} is not allowed`)
    return refusal(
      'HostNotAllowed',
      `This studio does not answer to the host name "${shown}": it answers to localhost, IP addresses and ` +
        'the names in STUDIO_ALLOWED_HOSTS, so that another site cannot reach it by pointing its own name at ' +
        'this machine (DNS rebinding). To use this name, add it to STUDIO_ALLOWED_HOSTS.',
    )
  }
}

function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    log(requestLine(c.req.method, c.req.path, c.res.status, started))
  }
}

function studioConfig(c: Context, opts: GatewayOptions, upstream: Upstream): StudioConfig {
  return {
    mode: opts.mode,
    region: opts.region,
    upstream: publicUrl(upstream.baseUrlFor(originOf(c))),
    models: MODELS.map((m) => ({
      id: m.id,
      kind: m.kind,
      label: m.label,
      n: { ...m.n },
      pricePerImage: priceOf(m.id, opts.region, 1),
    })),
    keyVariable: API_KEY_VARIABLE,
    rateLimitMinuteMs: opts.mode === 'simulator' ? (opts.simulator?.options().minuteMs ?? MINUTE_MS) : MINUTE_MS,
  }
}

export interface Gateway {
  app: Hono
  /** For Node's server: plain /api/v1 requests answered before the app sees them (./api-fast-path.ts). */
  fastPath: FastPath
}

/** The gateway as an app (tests call it in-process, as the job queue does). */
export function createGateway(opts: GatewayOptions): Hono {
  return buildGateway(opts).app
}

export function buildGateway(opts: GatewayOptions): Gateway {
  const fetchImpl = opts.fetch ?? globalThis.fetch
  const sendNetwork: SendUpstream = (request) => fetchImpl(request)
  // Live API calls go out on node:http unless a fetch was given (tests); result images use fetch.
  const upstream = resolveUpstream(opts, opts.fetch ? callThrough(sendNetwork) : httpUpstream().call)
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts }
  const secrets = [upstream.apiKey, opts.accessToken].filter((s): s is string => !!s)
  const log = (line: string) => opts.log?.(secrets.reduce((l, secret) => l.replaceAll(secret, '[redacted]'), line))
  const simulator = opts.mode === 'simulator' ? opts.simulator : undefined

  const app = new Hono()
  app.use('*', allowedHostsOnly(opts.allowedHosts ?? [], log))
  app.use('*', requestLog(log))
  if (opts.accessToken) app.use('*', requireAccessToken(opts.accessToken))
  app.onError((error, c) => {
    log(`${c.req.method} ${shortPath(c.req.path)} failed: ${error.name}: ${error.message}`)
    return errorResponse('InternalError', 'The studio server failed while handling this request; see its log.')
  })

  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: bodyTooLarge,
  })
  // /api/v1 and /api/jobs read their bodies themselves, within MAX_BODY_BYTES (./request-body.ts).
  app.use(`${STUDIO_ROUTES.apiV1}/*`, sameOriginWrites)
  app.use(`${STUDIO_ROUTES.simulator}/*`, limit)
  const forwarder = createApiForwarder({ ...upstream, timeouts })
  const apiRoutes = createApiRoutes(forwarder)
  app.route(STUDIO_ROUTES.apiV1, apiRoutes)
  const image = imageHandler({
    requestOrigin: originOf,
    baseUrl: opts.mode === 'live' ? opts.baseUrl : undefined,
    sendNetwork,
    sendSimulator: simulator && ((request) => simulator.fetch(request)),
    timeoutMs: timeouts.imageMs,
    log,
  })

  if (opts.jobs) {
    // The queue sends through the same routes as a browser would, in-process.
    const internal = new Hono()
    internal.route(STUDIO_ROUTES.apiV1, apiRoutes)
    internal.get(STUDIO_ROUTES.image, image)
    const minuteMs = () => (opts.mode === 'simulator' ? (opts.simulator?.options().minuteMs ?? MINUTE_MS) : MINUTE_MS)
    const queue = opts.jobs({ internal: async (request) => internal.fetch(request), minuteMs })
    app.use(STUDIO_ROUTES.jobs, sameOriginWrites)
    app.use(`${STUDIO_ROUTES.jobs}/*`, sameOriginWrites)
    app.route(STUDIO_ROUTES.jobs, jobRoutes(queue))
  }

  const getRoutes: Record<string, Handler> = {
    [STUDIO_ROUTES.image]: image,
    [STUDIO_ROUTES.config]: (c) => c.json(studioConfig(c, opts, upstream)),
    [STUDIO_ROUTES.health]: (c) => c.json({ status: 'ok', mode: opts.mode }),
  }
  for (const [path, handler] of Object.entries(getRoutes)) {
    app.get(path, handler)
    app.all(path, (c) => refusal('MethodNotAllowed', `${c.req.method} is not allowed on ${path}; use GET.`, { Allow: 'GET' }))
  }

  app.get(`${STUDIO_ROUTES.ocr}/*`, ocrFileHandler)

  app.all(`${STUDIO_ROUTES.simulator}/*`, (c) =>
    simulator
      ? simulator.fetch(c.req.raw)
      : refusal('NotFound', 'The simulator is mounted only in simulator mode (when no DASHSCOPE_API_KEY is set).'),
  )
  const notFound = (c: Context) => refusal('NotFound', `The studio has no route ${c.req.method} ${c.req.path}.`)
  app.all('/api/*', notFound)
  app.notFound(notFound)
  const fastPath = apiFastPath({ forwarder, allowedHosts: opts.allowedHosts ?? [], accessToken: opts.accessToken, log })
  return { app, fastPath }
}
