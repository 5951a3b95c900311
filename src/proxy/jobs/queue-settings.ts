/** The job queue's settings: STUDIO_DATA_DIR, STUDIO_RETENTION_DAYS, REDIS_URL. */
import path from 'node:path'

export interface QueueSettings {
  /** The embedded journal's folder (SQLite); ':memory:' keeps it in memory (tests, scripts). */
  dataDir: string
  /** Acknowledged results are kept this long (ms), then dropped. */
  retentionMs: number
  /** Set: the queue, limits and journal live in Redis (BullMQ), shared by every studio on it. */
  redisUrl: string | undefined
}

export const DEFAULT_DATA_DIR = '.studio-data'
export const DEFAULT_RETENTION_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

/** Problems are returned as sentences for the server's start-up error (no throw here). */
export function queueSettingsFromEnv(env: Record<string, string | undefined>): { settings: QueueSettings; problems: string[] } {
  const problems: string[] = []
  const raw = env.STUDIO_DATA_DIR?.trim() || DEFAULT_DATA_DIR
  const dataDir = raw === ':memory:' ? raw : path.resolve(raw)
  const rawDays = env.STUDIO_RETENTION_DAYS?.trim()
  let days = DEFAULT_RETENTION_DAYS
  if (rawDays) {
    days = Number(rawDays)
    if (!Number.isFinite(days) || days < 0) problems.push(`STUDIO_RETENTION_DAYS must be a number of days >= 0 (got "${rawDays}")`)
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) problems.push('REDIS_URL must be a redis:// or rediss:// URL')
  return { settings: { dataDir, retentionMs: days * DAY_MS, redisUrl }, problems }
}
