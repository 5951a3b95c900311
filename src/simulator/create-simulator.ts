/**
 * The offline DashScope: the vendor's endpoints, task lifecycle, account limits and expiring
 * result links, as a Hono app that can be served on its own (main.ts) or called in-process.
 * Routes live under `basePath`: <basePath>/api/v1/…, <basePath>/results/…, <basePath>/oss-upload
 * (the temporary upload's OSS stand-in), <basePath>/__admin/….
 */
import { Hono } from 'hono'
import { adminOff, adminRoutes } from './admin-routes.ts'
import type { FaultInjector } from './faults.ts'
import { API_PREFIX, apiRoutes } from './api-routes.ts'
import { jsonError } from './error-response.ts'
import type { InputDownload } from './resolve-inputs.ts'
import { resultRoutes } from './result-routes.ts'
import { RESULTS_ROUTE } from './result-store.ts'
import { OSS_UPLOAD_ROUTE, ossUploadRoutes } from './upload-routes.ts'
import { createCore, resetCore, statsOf, sweep, SWEEP_TIMER_MS } from './simulator-core.ts'
import {
  definedOptions,
  SIMULATOR_DEFAULTS,
  type ResolvedOptions,
  type SimulatorOptions,
  type SimulatorStats,
} from './simulator-options.ts'

export { SIMULATOR_DEFAULT_KEY } from './simulator-options.ts'
export type { SimulatorOptions, SimulatorStats } from './simulator-options.ts'

export const ADMIN_ROUTE = '/__admin'

export interface Simulator {
  /** Routes relative to its own root: /api/v1/…, /results/:file, /__admin/… (under basePath). */
  app: Hono
  /** app.fetch: answers any URL whose path starts with the mount prefix. */
  fetch: (req: Request) => Promise<Response>
  stats(): SimulatorStats
  options(): ResolvedOptions
  configure(patch: Partial<SimulatorOptions>): void
  /** Fault injection: rates, one-shot queue (see faults.ts). */
  faults: FaultInjector
  /** Forgets tasks, images, counters, rate windows and injected faults (options stay). */
  reset(): void
  /** Clears all timers. */
  close(): void
}

/** '' or '/a/b' (leading slash, no trailing slash). */
function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '')
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

export interface SimulatorSetup extends SimulatorOptions {
  /** Mount prefix, e.g. '/simulator'. */
  basePath?: string
  /** /__admin answers only when on (SIMULATOR_ADMIN=1); off, it is 404. */
  admin?: boolean
  /** Host names its admin answers to besides loopback and IPs (the studio's HOST, STUDIO_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[]
  /** Tests only: how edit inputs given as URLs are downloaded (see public-download.ts). */
  inputDownload?: InputDownload
}

export function createSimulator(opts: SimulatorSetup = {}): Simulator {
  const { basePath = '', now = Date.now, admin = false, allowedHosts = [], inputDownload, ...rest } = opts
  const core = createCore(normalizeBasePath(basePath), { ...SIMULATOR_DEFAULTS, ...definedOptions(rest) }, now, inputDownload)

  const sim: Simulator = {
    app: undefined as unknown as Hono,
    fetch: async (req) => app.fetch(req),
    stats: () => statsOf(core),
    options: () => ({ ...core.opts, apiKeys: [...core.opts.apiKeys] }),
    configure: (patch) => {
      if (patch.now) core.now = patch.now
      core.opts = { ...core.opts, ...definedOptions(patch) }
    },
    faults: core.faults,
    reset: () => resetCore(core),
    close: () => core.timers.close(),
  }

  const root = new Hono()
  const app = (core.basePath ? root.basePath(core.basePath) : root) as Hono
  app.route(API_PREFIX, apiRoutes(core))
  app.route(RESULTS_ROUTE, resultRoutes(core))
  app.route(OSS_UPLOAD_ROUTE, ossUploadRoutes(core))
  app.route(ADMIN_ROUTE, admin ? adminRoutes(sim, allowedHosts) : adminOff())
  app.notFound((c) => jsonError('NotFound', `No such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}`))
  app.onError((err) => {
    console.error('[simulator]', err)
    return jsonError('InternalError', err.message || 'Internal error')
  })
  sim.app = app

  core.timers.every(SWEEP_TIMER_MS, () => sweep(core, true))
  return sim
}
