import { plural } from '@lingui/core/macro'
import type { RateLimit } from '../../shared/models.ts'

/** "2 per second", "2 per minute", in the active language. */
export function rateLimitText(limit: RateLimit): string {
  return limit.window === 'second'
    ? plural(limit.count, { one: '# per second', other: '# per second' })
    : plural(limit.count, { one: '# per minute', other: '# per minute' })
}
