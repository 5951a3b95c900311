/** The simulator's options, their defaults and its statistics. */
import { LIMITS } from '../shared/limits.ts'
import { ACCOUNT_LIMITS, MINUTE_MS } from '../shared/models.ts'

export const SIMULATOR_DEFAULT_KEY = 'sim-local-key'

export interface SimulatorOptions {
  /** Accepted Bearer keys; default [SIMULATOR_DEFAULT_KEY]. */
  apiKeys?: string[]
  /** Time a task stays PENDING before RUNNING (ms). */
  queueMs?: number
  /** Time RUNNING before SUCCEEDED (ms). */
  runMs?: number
  /**
   * Realistic timings: per model id (or "*" for every model), the range a task's running time (and
   * a sync call's latency) is drawn from, uniformly and determined by the task; replaces runMs and
   * syncMs for those models. E.g. { "*": [8000, 40000] }.
   */
  durations?: Record<string, readonly [min: number, max: number]>
  /**
   * Likewise, the range a task's wait for a slot (PENDING) is drawn from, per model id, family or
   * "*"; replaces queueMs for those models, and a sync call waits it too before its run. The
   * vendor's run time for a kind of image is steady; what varies is how long it queues.
   */
  queueDurations?: Record<string, readonly [min: number, max: number]>
  /** Extra running time when prompt_extend is on (ms); the sync endpoint waits it too. */
  extendMs?: number
  /** Latency of the sync multimodal endpoint (ms). */
  syncMs?: number
  /** Lifetime of result links (s). */
  resultTtlSeconds?: number
  /** Task records are purged this long after submission, and then read as UNKNOWN (s). */
  taskTtlSeconds?: number
  /** Task submissions per key in any sliding second. */
  submitPerSecond?: number
  /** Unfinished async tasks per key. */
  concurrentTasks?: number
  /** Length of the "minute" of the per-model limits (2 a minute for the max models), ms; tests shorten it. */
  minuteMs?: number
  /** Whether the account has been granted the preview models (qwen-image-3.0-pro); else Model.AccessDenied. */
  previewAccess?: boolean
  /** Sizes the simulator refuses as the live API might (e.g. ["1472*1140"]), to rehearse the 4:3 fallback. */
  refuseSizes?: string[]
  /** Clock for tests (ms). */
  now?: () => number
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'now'>>

export interface SimulatorStats {
  /** Requests to /api/v1/... (any outcome). */
  requests: number
  /** Accepted generation requests (sync or async), throttled ones excluded. */
  submissions: number
  /** Requests refused with 429 Throttling. */
  throttled: number
  /** Async tasks PENDING / RUNNING now. */
  pending: number
  running: number
  /** The most unfinished async tasks seen at once (all keys). */
  maxConcurrent: number
  /** Finished generations: async tasks by final status, plus sync calls (succeeded or failed). */
  succeeded: number
  failed: number
  canceled: number
}

export const SIMULATOR_DEFAULTS: ResolvedOptions = {
  apiKeys: [SIMULATOR_DEFAULT_KEY],
  queueMs: 400,
  runMs: 1500,
  extendMs: 1000,
  syncMs: 1500,
  resultTtlSeconds: LIMITS.resultTtlSeconds,
  taskTtlSeconds: LIMITS.resultTtlSeconds,
  submitPerSecond: ACCOUNT_LIMITS.submitPerSecond,
  concurrentTasks: ACCOUNT_LIMITS.concurrentTasks,
  minuteMs: MINUTE_MS,
  previewAccess: false,
  refuseSizes: [],
  durations: {},
  queueDurations: {},
}

/** `patch` without its undefined fields and without `now`. */
export function definedOptions(patch: Partial<SimulatorOptions>): Partial<ResolvedOptions> {
  const { now: _now, ...rest } = patch
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined))
}

/**
 * How long a generation of `model` runs (`ranges`: the options' `durations`) or waits for a slot
 * (`queueDurations`): drawn from the range for its id, its family or "*" (by `draw`, in [0, 1),
 * e.g. from the task's id), or, without one, `fixedMs`.
 */
export function drawDuration(
  ranges: ResolvedOptions['durations'],
  model: { id: string; family: string },
  fixedMs: number,
  draw: number,
): number {
  const range = ranges[model.id] ?? ranges[model.family] ?? ranges['*']
  if (!range) return fixedMs
  const [min, max] = range
  return Math.round(min + draw * (max - min))
}
