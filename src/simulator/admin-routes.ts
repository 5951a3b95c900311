/**
 * /__admin (for tests and demos): stats, live configuration, injected faults and reset. Off
 * unless asked for (SIMULATOR_ADMIN=1): any web page could otherwise replace the keys, inject
 * faults or wipe tasks with a "simple" cross-site POST, which needs no CORS preflight. On, it
 * takes only JSON (a simple request cannot send application/json) from its own origin.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import { isAllowedHostname } from '../shared/allowed-hosts.ts'
import * as z from 'zod/mini'
import { jsonError } from './error-response.ts'
import { FaultNameSchema, type FaultInjector } from './faults.ts'
import { readJson } from './json-request.ts'
import type { ResolvedOptions, SimulatorStats } from './simulator-options.ts'

const duration = z.number().check(z.gte(0))
const range = z.tuple([duration, duration]).check(z.refine(([min, max]) => min <= max, 'min must be <= max'))

/** A partial of SimulatorOptions (without the clock): numbers >= 0, at least one non-empty key. */
export const ConfigPatch = z.strictObject({
  apiKeys: z.optional(z.array(z.string().check(z.trim(), z.minLength(1))).check(z.minLength(1))),
  queueMs: z.optional(duration),
  runMs: z.optional(duration),
  /** Per model id (or "*"): the [min, max] ms a task's running time is drawn from. */
  durations: z.optional(z.record(z.string(), range)),
  /** Per model id (or "*"): the [min, max] ms a task waits for a slot. */
  queueDurations: z.optional(z.record(z.string(), range)),
  extendMs: z.optional(duration),
  syncMs: z.optional(duration),
  resultTtlSeconds: z.optional(duration),
  taskTtlSeconds: z.optional(duration),
  submitPerSecond: z.optional(duration),
  concurrentTasks: z.optional(duration),
  minuteMs: z.optional(duration),
  previewAccess: z.optional(z.boolean()),
  refuseSizes: z.optional(z.array(z.string())),
  /** Probability (0..1) per fault name; replaces the previous rates. */
  faults: z.optional(z.partialRecord(FaultNameSchema, z.number().check(z.gte(0), z.lte(1)))),
  /** One-shot faults, each taken by the next request at its stage; replaces the previous queue. */
  nextFaults: z.optional(z.array(FaultNameSchema)),
  /** How long the `slow` fault waits (ms). */
  slowMs: z.optional(duration),
})

export interface AdminTarget {
  stats(): SimulatorStats
  options(): ResolvedOptions
  configure(patch: Partial<ResolvedOptions>): void
  reset(): void
  faults: FaultInjector
}

function faultState(f: FaultInjector) {
  return { faults: f.rates, nextFaults: f.queued, slowMs: f.slowMs }
}

const isJsonType = (type: string | undefined) => (type ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json'

/**
 * Same origin only: a foreign Host (DNS rebinding), a Sec-Fetch-Site other than same-origin or
 * none, or an Origin that is not this one, is refused; so is a POST that is not JSON. Scripts
 * and test runners send neither Origin nor Sec-Fetch-Site, and pass.
 */
function sameOriginJson(allowedHosts: readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const own = new URL(c.req.url)
    const origin = c.req.header('origin')
    const site = c.req.header('sec-fetch-site')
    if (
      !isAllowedHostname(own.hostname, allowedHosts) ||
      (site !== undefined && site !== 'same-origin' && site !== 'none') ||
      (origin !== undefined && origin !== own.origin)
    )
      return jsonError('AccessDenied', "The simulator's admin routes take requests only from its own origin.")
    if (c.req.method !== 'GET' && !isJsonType(c.req.header('content-type')))
      return jsonError('InvalidParameter', "The simulator's admin routes take only JSON (Content-Type: application/json).")
    await next()
  }
}

/** The routes when admin is off: each says how to turn it on. */
export function adminOff(): Hono {
  const off = new Hono()
  off.all('*', () => jsonError('NotFound', "The simulator's admin routes are off; start it with SIMULATOR_ADMIN=1 to use them."))
  return off
}

export function adminRoutes(sim: AdminTarget, allowedHosts: readonly string[] = []): Hono {
  const admin = new Hono()
  admin.use('*', sameOriginJson(allowedHosts))
  admin.get('/stats', (c) => c.json(sim.stats()))
  admin.post('/config', async (c) => {
    const read = await readJson(c)
    if (read instanceof Response) return read
    const parsed = ConfigPatch.safeParse(read.body)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!
      const field = issue.path.join('.') || 'body'
      return jsonError('InvalidParameter', `${field}: ${issue.message}`)
    }
    const { faults, nextFaults, slowMs, ...options } = parsed.data
    if (faults) sim.faults.rates = faults
    if (nextFaults) sim.faults.queue(nextFaults)
    if (slowMs !== undefined) sim.faults.slowMs = slowMs
    sim.configure(options)
    return c.json({ ...sim.options(), ...faultState(sim.faults) })
  })
  admin.post('/reset', (c) => {
    sim.reset()
    return c.json(sim.stats())
  })
  return admin
}
