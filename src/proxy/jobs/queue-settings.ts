/** The job queue's settings: STUDIO_DATA_DIR, STUDIO_RETENTION_DAYS (and REDIS_URL, refused until the Redis queue exists). */
import path from 'node:path'

export interface QueueSettings {
  /** The embedded journal's folder (SQLite); ':memory:' keeps it in memory (tests, scripts). */
  dataDir: string
  /** Acknowledged results are kept this long (ms), then dropped. */
  retentionMs: number
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
  // Refused rather than ignored: two studios that each ran their own queue would together exceed
  // the account's limits, which is what REDIS_URL is set to prevent.
  if (env.REDIS_URL?.trim())
    problems.push(
      'REDIS_URL is set, but this build has no Redis queue yet (issue 16, Redis mode): unset it to run the queue in this process (one studio per account)',
    )
  return { settings: { dataDir, retentionMs: days * DAY_MS }, problems }
}
