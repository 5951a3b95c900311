/** The job queue's settings: STUDIO_DATA_DIR, STUDIO_RETENTION_DAYS, REDIS_URL (the queue shared by several studios). */
import path from 'node:path'

export interface QueueSettings {
  /** The embedded journal's folder (SQLite); ':memory:' keeps it in memory (tests, scripts). */
  dataDir: string
  /** Acknowledged results are kept this long (ms), then dropped. */
  retentionMs: number
  /** Set: the queue, the account's limits and the journal live in this Redis (./redis-queue.ts). */
  redisUrl?: string
}

export const DEFAULT_DATA_DIR = '.studio-data'
export const DEFAULT_RETENTION_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

/** A Redis URL as it may be shown: without its user and password. */
export const redactedUrl = (url: string) => url.replace(/\/\/[^@/]*@/, '//…@')

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
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl))
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379 (got "${redactedUrl(redisUrl)}")`)
  return { settings: { dataDir, retentionMs: days * DAY_MS, redisUrl }, problems }
}
