/**
 * Simulator options from environment variables, shared by the standalone simulator (main.ts)
 * and the studio server's embedded one. Unset or empty variables keep the defaults; a value that
 * is not a number >= 0 throws with the variable's name.
 */
import type { SimulatorOptions } from './simulator-options.ts'

type Env = Record<string, string | undefined>

const NUMBER_VARS = {
  SIMULATOR_QUEUE_MS: 'queueMs',
  SIMULATOR_RUN_MS: 'runMs',
  SIMULATOR_EXTEND_MS: 'extendMs',
  SIMULATOR_SYNC_MS: 'syncMs',
  SIMULATOR_RESULT_TTL_S: 'resultTtlSeconds',
  SIMULATOR_TASK_TTL_S: 'taskTtlSeconds',
  SIMULATOR_SUBMIT_PER_SECOND: 'submitPerSecond',
  SIMULATOR_CONCURRENT_TASKS: 'concurrentTasks',
  SIMULATOR_MINUTE_MS: 'minuteMs',
} as const satisfies Record<string, keyof SimulatorOptions>

export function parseNonNegative(name: string, raw: string): number {
  const value = Number(raw.trim())
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0 (got "${raw}")`)
  return value
}

/**
 * SIMULATOR_DURATIONS: `model=min-max` ranges in ms, comma-separated, `*` for every model
 * (e.g. `*=8000-40000,qwen-image-max=20000-60000`).
 */
export function parseDurations(raw: string, name = 'SIMULATOR_DURATIONS'): Record<string, [number, number]> {
  const durations: Record<string, [number, number]> = {}
  for (const part of raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([\w.*-]+)\s*=\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)$/.exec(part)
    const [min, max] = m ? [Number(m[2]), Number(m[3])] : [NaN, NaN]
    if (!m || !(min <= max)) throw new Error(`${name} must be model=min-max ranges in ms, min <= max, e.g. "*=8000-40000" (got "${part}")`)
    durations[m[1]!] = [min, max]
  }
  return durations
}

/** SIMULATOR_API_KEYS (comma-separated), SIMULATOR_PREVIEW_ACCESS, SIMULATOR_DURATIONS, SIMULATOR_QUEUE_DURATIONS and the SIMULATOR_*_MS / _S / limit variables. */
export function simulatorOptionsFromEnv(env: Env): SimulatorOptions {
  const options: SimulatorOptions = {}
  const keys = env.SIMULATOR_API_KEYS?.split(',')
    .map((k) => k.trim())
    .filter(Boolean)
  if (keys?.length) options.apiKeys = keys
  for (const [name, field] of Object.entries(NUMBER_VARS)) {
    const raw = env[name]
    if (raw !== undefined && raw.trim() !== '') options[field] = parseNonNegative(name, raw)
  }
  if (env.SIMULATOR_DURATIONS?.trim()) options.durations = parseDurations(env.SIMULATOR_DURATIONS)
  if (env.SIMULATOR_QUEUE_DURATIONS?.trim())
    options.queueDurations = parseDurations(env.SIMULATOR_QUEUE_DURATIONS, 'SIMULATOR_QUEUE_DURATIONS')
  const preview = env.SIMULATOR_PREVIEW_ACCESS?.trim().toLowerCase()
  if (preview) {
    if (!['1', 'true', 'yes', '0', 'false', 'no'].includes(preview))
      throw new Error(`SIMULATOR_PREVIEW_ACCESS must be true or false (got "${env.SIMULATOR_PREVIEW_ACCESS}")`)
    options.previewAccess = ['1', 'true', 'yes'].includes(preview)
  }
  return options
}

/** SIMULATOR_PORT, if set: an integer port. */
export function simulatorPortFromEnv(env: Env): number | undefined {
  const raw = env.SIMULATOR_PORT?.trim()
  if (!raw) return undefined
  return parsePort('SIMULATOR_PORT', raw)
}

export function parsePort(name: string, raw: string): number {
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number (got "${raw}")`)
  return port
}

/** SIMULATOR_ADMIN: 1 turns the /__admin routes on (tests, benchmarks, demos); unset, empty or 0 leaves them off. */
export function simulatorAdminFromEnv(env: Env): boolean {
  const raw = env.SIMULATOR_ADMIN?.trim() ?? ''
  if (raw === '' || raw === '0') return false
  if (raw === '1') return true
  throw new Error(`SIMULATOR_ADMIN must be 1 (admin routes on) or 0 (off) (got "${raw}")`)
}
