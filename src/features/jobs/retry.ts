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

/**
 * Runs `fn`, retrying what the contract calls retryable (429 Throttling, 5xx, network loss) with
 * exponential backoff and jitter (each delay scaled by a random factor in [1, 2)); anything else
 * fails at once. The error that surfaces is always a StudioError.
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
      minTimeout: minMs,
      maxTimeout: maxMs,
      factor: 2,
      randomize: true,
      onFailedAttempt: ({ error, attemptNumber, retryDelay }) =>
        opts.onRetry?.({ attempt: attemptNumber, delayMs: retryDelay, error }),
    },
  ).catch((error: unknown) => {
    throw toStudioError(error)
  })
}
