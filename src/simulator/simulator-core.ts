/**
 * The simulator's state and the rules shared by its routes: admission (rate and concurrency
 * limits per key), housekeeping, result links and statistics.
 */
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { rateWindowMs, type ModelInfo } from '../shared/models.ts'
import { FaultInjector } from './faults.ts'
import { RateLimiter } from './rate-limiter.ts'
import { ResultStore } from './result-store.ts'
import type { InputDownload } from './resolve-inputs.ts'
import type { ResolvedOptions, SimulatorStats } from './simulator-options.ts'
import { TaskStore } from './task-store.ts'
import { Timers } from './timers.ts'
import { UploadStore } from './upload-store.ts'

/** Housekeeping runs at most this often on requests (simulator clock), and on a real-time timer. */
const SWEEP_EVERY_MS = 1000
export const SWEEP_TIMER_MS = 60_000

export interface Counters {
  requests: number
  submissions: number
  throttled: number
  maxConcurrent: number
  syncSucceeded: number
  syncFailed: number
}

export interface Core {
  /** Mount prefix, '' or '/something'. */
  basePath: string
  opts: ResolvedOptions
  now: () => number
  tasks: TaskStore
  results: ResultStore
  limiter: RateLimiter
  /** Per key and model: the models' own limits (2 a minute for the max models). */
  modelLimiter: RateLimiter
  /** Temporary file uploads (getPolicy, oss://). */
  uploads: UploadStore
  timers: Timers
  counters: Counters
  /** Injected faults (rates, one-shot queue); cleared by reset(). */
  faults: FaultInjector
  /** How edit inputs given as URLs are downloaded (tests only change it). */
  download: InputDownload
  /** Bumped by reset(): work started before it must not write into the new state. */
  epoch: number
  lastSweep: number
}

const zeroCounters = (): Counters => ({
  requests: 0,
  submissions: 0,
  throttled: 0,
  maxConcurrent: 0,
  syncSucceeded: 0,
  syncFailed: 0,
})

export function createCore(basePath: string, opts: ResolvedOptions, now: () => number, download: InputDownload = {}): Core {
  return {
    download,
    basePath,
    opts,
    now,
    tasks: new TaskStore(),
    results: new ResultStore(),
    limiter: new RateLimiter(),
    modelLimiter: new RateLimiter(),
    uploads: new UploadStore(),
    timers: new Timers(),
    counters: zeroCounters(),
    faults: new FaultInjector(),
    epoch: 0,
    lastSweep: Number.NEGATIVE_INFINITY,
  }
}

/** Purges old tasks, expired images and idle rate windows. */
export function sweep(core: Core, force = false): void {
  const now = core.now()
  if (!force && now - core.lastSweep < SWEEP_EVERY_MS) return
  core.lastSweep = now
  core.tasks.purge(now, core.opts.taskTtlSeconds * 1000)
  core.results.purge(now / 1000)
  core.limiter.sweep(now)
  core.modelLimiter.sweep(now, Math.max(1000, core.opts.minuteMs))
  core.uploads.purge(now)
}

export interface Refusal {
  code: 'Throttling' | 'Throttling.RateQuota'
  message: string
}

/**
 * Admits a submission of `model` by `key`, or returns the refusal. Every submission counts
 * against the account's rate and the model's own; async tasks also against the concurrency
 * limit. Refusals are not recorded.
 */
export function admit(core: Core, key: string, kind: 'sync' | 'task', model: ModelInfo): Refusal | null {
  const now = core.now()
  const modelKey = `${key}\u0000${model.id}`
  const modelWindow = rateWindowMs(model.rateLimit, core.opts.minuteMs)
  // A per-second model limit (2 a second) equals the account's default and is enforced as that
  // (submitPerSecond, which tests raise); the per-minute ones (the max models) are their own.
  const perModel = model.rateLimit.window === 'minute'
  let refusal: Refusal | null = null
  if (!core.limiter.allows(key, now, core.opts.submitPerSecond)) refusal = { code: 'Throttling', message: ERROR_MESSAGES.throttled }
  else if (perModel && !core.modelLimiter.allows(modelKey, now, model.rateLimit.count, modelWindow))
    refusal = { code: 'Throttling.RateQuota', message: ERROR_MESSAGES.throttled }
  else if (kind === 'task' && core.tasks.unfinished(now, key) >= core.opts.concurrentTasks)
    refusal = { code: 'Throttling', message: ERROR_MESSAGES.tooManyTasks }
  if (refusal) {
    core.counters.throttled++
    return refusal
  }
  core.limiter.record(key, now)
  if (perModel) core.modelLimiter.record(modelKey, now, modelWindow)
  core.counters.submissions++
  return null
}

/** Absolute link to a result: the incoming request's origin + the mount prefix + the signed path. */
export function resultUrl(core: Core, requestUrl: string, id: string, expires: number): string {
  return `${new URL(requestUrl).origin}${core.basePath}${core.results.linkPath(id, expires)}`
}

export function statsOf(core: Core): SimulatorStats {
  const { pending, running } = core.tasks.census(core.now())
  const { requests, submissions, throttled, maxConcurrent, syncSucceeded, syncFailed } = core.counters
  const totals = core.tasks.totals
  return {
    requests,
    submissions,
    throttled,
    pending,
    running,
    maxConcurrent,
    succeeded: totals.succeeded + syncSucceeded,
    failed: totals.failed + syncFailed,
    canceled: totals.canceled,
  }
}

export function resetCore(core: Core): void {
  core.epoch++
  core.timers.clear()
  core.tasks.clear()
  core.results.clear()
  core.limiter.clear()
  core.modelLimiter.clear()
  core.uploads.clear()
  core.counters = zeroCounters()
  core.faults.clear()
  core.lastSweep = Number.NEGATIVE_INFINITY
}
