import { describe, expect, it } from 'vitest'
import { queueSettingsFromEnv } from './queue-settings.ts'

describe('queue settings', () => {
  it('defaults to ./.studio-data and 7 days; refuses a bad window and a REDIS_URL that is not one', () => {
    const plain = queueSettingsFromEnv({})
    expect(plain.problems).toEqual([])
    expect(plain.settings.dataDir.endsWith('.studio-data')).toBe(true)
    expect(plain.settings.retentionMs).toBe(7 * 24 * 60 * 60 * 1000)
    expect(queueSettingsFromEnv({ STUDIO_DATA_DIR: ':memory:' }).settings.dataDir).toBe(':memory:')
    expect(queueSettingsFromEnv({ STUDIO_RETENTION_DAYS: '-1' }).problems[0]).toContain('STUDIO_RETENTION_DAYS')
    expect(queueSettingsFromEnv({ REDIS_URL: ' redis://127.0.0.1:6379 ' }).settings.redisUrl).toBe('redis://127.0.0.1:6379')
    const bad = queueSettingsFromEnv({ REDIS_URL: 'http://user:secret@127.0.0.1:6379' }).problems[0]
    expect(bad).toContain('REDIS_URL')
    // a password in a mistyped URL is not echoed
    expect(bad).not.toContain('secret')
  })
})
