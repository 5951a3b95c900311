/** /__admin (no auth; for tests and demos): stats, live configuration, injected faults and reset. */
import { Hono } from 'hono'
import { z } from 'zod'
import { jsonError } from './error-response.ts'
import { FaultNameSchema, type FaultInjector } from './faults.ts'
import type { ResolvedOptions, SimulatorStats } from './simulator-options.ts'

const duration = z.number().finite().min(0)

/** A partial of SimulatorOptions (without the clock): numbers >= 0, at least one non-empty key. */
export const ConfigPatch = z.strictObject({
  apiKeys: z.array(z.string().trim().min(1)).min(1).optional(),
  queueMs: duration.optional(),
  runMs: duration.optional(),
  extendMs: duration.optional(),
  syncMs: duration.optional(),
  resultTtlSeconds: duration.optional(),
  taskTtlSeconds: duration.optional(),
  submitPerSecond: duration.optional(),
  concurrentTasks: duration.optional(),
  minuteMs: duration.optional(),
  previewAccess: z.boolean().optional(),
  refuseSizes: z.array(z.string()).optional(),
  /** Probability (0..1) per fault name; replaces the previous rates. */
  faults: z.partialRecord(FaultNameSchema, z.number().min(0).max(1)).optional(),
  /** One-shot faults, each taken by the next request at its stage; replaces the previous queue. */
  nextFaults: z.array(FaultNameSchema).optional(),
  /** How long the `slow` fault waits (ms). */
  slowMs: duration.optional(),
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

export function adminRoutes(sim: AdminTarget): Hono {
  const admin = new Hono()
  admin.get('/stats', (c) => c.json(sim.stats()))
  admin.post('/config', async (c) => {
    let body: unknown
    try {
      body = JSON.parse(await c.req.text())
    } catch {
      return jsonError('InvalidParameter', 'The request body is not valid JSON.')
    }
    const parsed = ConfigPatch.safeParse(body)
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
