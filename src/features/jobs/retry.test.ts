import { describe, expect, it } from 'vitest'
import { StudioError } from '../../shared/studio-error.ts'
import { backoffDelay, withBackoff } from './retry.ts'

describe('withBackoff', () => {
  it('doubles the wait each attempt, caps it, and scales it by a factor in [1, 2)', () => {
    expect(backoffDelay(1, 1000, 16_000, 0)).toBe(1000)
    expect(backoffDelay(3, 1000, 16_000, 0)).toBe(4000)
    expect(backoffDelay(3, 1000, 16_000, 0.5)).toBe(6000)
    expect(backoffDelay(9, 1000, 16_000, 0.99)).toBe(16_000)
  })

  it('retries a retryable error, reporting each real wait, then succeeds', async () => {
    let calls = 0
    const waits: number[] = []
    const result = await withBackoff(
      async () => {
        calls += 1
        if (calls < 3) throw new StudioError({ code: 'Throttling', message: 'slow down', status: 429 })
        return 'ok'
      },
      { retries: 4, minMs: 5, maxMs: 20, onRetry: ({ delayMs }) => waits.push(delayMs) },
    )
    expect(result).toBe('ok')
    expect(calls).toBe(3)
    expect(waits).toHaveLength(2)
    expect(waits[0]).toBeGreaterThanOrEqual(5)
    expect(waits[1]).toBeGreaterThanOrEqual(10)
  })

  it('fails at once on an error that is not retryable', async () => {
    let calls = 0
    const run = withBackoff(
      async () => {
        calls += 1
        throw new StudioError({ code: 'InvalidParameter', message: 'bad size', status: 400 })
      },
      { retries: 4, minMs: 5, maxMs: 20 },
    )
    await expect(run).rejects.toMatchObject({ code: 'InvalidParameter' })
    expect(calls).toBe(1)
  })
})
