import pRetry, { AbortError } from 'p-retry'
import { toStudioError } from '../../lib/studio-error.ts'

export interface BackoffOptions {
  /** Retries after the first try. */
  retries?: number
  minMs?: number
  maxMs?: number
  onRetry?: (info: { attempt: number; delayMs: number; error: Error }) => void
}

export const DEFAULT_BACKOFF = { retries: 5, minMs: 1000, maxMs: 16_000 } as const

/** The wait before retry `attempt` (1-based): exponential, capped, scaled by a random factor in [1, 2). */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random = Math.random()): number {
  return Math.round(Math.min(minMs * 2 ** (attempt - 1) * (1 + random), maxMs))
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Runs `fn`, retrying what the contract calls retryable (429 Throttling, 5xx, network loss) with
 * exponential backoff and jitter; anything else fails at once. The error that surfaces is always
 * a StudioError. The wait is ours (p-retry's own timeout is zero) so `onRetry` knows it exactly.
 */
export function withBackoff<T>(fn: () => Promise<T>, opts: BackoffOptions = {}): Promise<T> {
  const { retries, minMs, maxMs } = { ...DEFAULT_BACKOFF, ...opts }
  return pRetry(
    async () => {
      try {
        return await fn()
      } catch (error) {
        const e = toStudioError(error)
        if (!e.retryable) throw new AbortError(e)
        throw e
      }
    },
    {
      retries,
      minTimeout: 0,
      maxTimeout: 0,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft === 0) return
        const delayMs = backoffDelay(attemptNumber, minMs, maxMs)
        opts.onRetry?.({ attempt: attemptNumber, delayMs, error })
        await sleep(delayMs)
      },
    },
  ).catch((error: unknown) => {
    throw toStudioError(error)
  })
}
