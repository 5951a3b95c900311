// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { simulatorAdminFromEnv, simulatorOptionsFromEnv, simulatorPortFromEnv } from './env-options.ts'

describe('simulatorOptionsFromEnv', () => {
  it('is empty without variables (defaults apply)', () => {
    expect(simulatorOptionsFromEnv({})).toEqual({})
    expect(simulatorPortFromEnv({})).toBeUndefined()
  })

  it('reads keys, latencies, TTLs and limits', () => {
    expect(
      simulatorOptionsFromEnv({
        SIMULATOR_API_KEYS: ' k1, k2 ,,',
        SIMULATOR_QUEUE_MS: '10',
        SIMULATOR_RUN_MS: '20',
        SIMULATOR_EXTEND_MS: '0',
        SIMULATOR_SYNC_MS: '5.5',
        SIMULATOR_RESULT_TTL_S: '60',
        SIMULATOR_TASK_TTL_S: '120',
        SIMULATOR_SUBMIT_PER_SECOND: '5',
        SIMULATOR_CONCURRENT_TASKS: '3',
        SIMULATOR_PORT: '9100',
        UNRELATED: 'x',
      }),
    ).toEqual({
      apiKeys: ['k1', 'k2'],
      queueMs: 10,
      runMs: 20,
      extendMs: 0,
      syncMs: 5.5,
      resultTtlSeconds: 60,
      taskTtlSeconds: 120,
      submitPerSecond: 5,
      concurrentTasks: 3,
    })
    expect(simulatorPortFromEnv({ SIMULATOR_PORT: '9100' })).toBe(9100)
  })

  it('ignores empty values and rejects bad ones by name', () => {
    expect(simulatorOptionsFromEnv({ SIMULATOR_QUEUE_MS: '', SIMULATOR_API_KEYS: ' , ' })).toEqual({})
    expect(() => simulatorOptionsFromEnv({ SIMULATOR_RUN_MS: 'fast' })).toThrow(/SIMULATOR_RUN_MS must be a number >= 0/)
    expect(() => simulatorOptionsFromEnv({ SIMULATOR_SYNC_MS: '-1' })).toThrow(/SIMULATOR_SYNC_MS/)
    expect(() => simulatorPortFromEnv({ SIMULATOR_PORT: '70000' })).toThrow(/SIMULATOR_PORT/)
  })
})

describe('simulatorAdminFromEnv', () => {
  it('is off unless SIMULATOR_ADMIN=1, and names a bad value', () => {
    expect([{}, { SIMULATOR_ADMIN: '' }, { SIMULATOR_ADMIN: '0' }].map(simulatorAdminFromEnv)).toEqual([false, false, false])
    expect(simulatorAdminFromEnv({ SIMULATOR_ADMIN: ' 1 ' })).toBe(true)
    expect(() => simulatorAdminFromEnv({ SIMULATOR_ADMIN: 'yes' })).toThrow(
      'SIMULATOR_ADMIN must be 1 (admin routes on) or 0 (off) (got "yes")',
    )
  })
})
