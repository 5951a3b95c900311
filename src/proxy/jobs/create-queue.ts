/** The job queue for the studio's settings: in Redis when REDIS_URL is set, else embedded, its journal in SQLite in the data folder. */
import { EmbeddedQueue, type JobQueue } from './embedded-queue.ts'
import { JobJournal } from './journal.ts'
import type { QueueSettings } from './queue-settings.ts'
import { QueueUpstream, type InternalFetch } from './queue-upstream.ts'
import { RedisQueue } from './redis-queue.ts'

export interface QueueContext {
  internal: InternalFetch
  minuteMs: () => number
  log: (line: string) => void
}

export function createQueue(settings: QueueSettings, ctx: QueueContext): JobQueue {
  if (settings.redisUrl)
    return new RedisQueue({
      url: settings.redisUrl,
      upstream: new QueueUpstream(ctx.internal),
      minuteMs: ctx.minuteMs,
      retentionMs: settings.retentionMs,
      log: ctx.log,
    })
  return new EmbeddedQueue({
    openJournal: () => new JobJournal(settings.dataDir),
    upstream: new QueueUpstream(ctx.internal),
    minuteMs: ctx.minuteMs,
    retentionMs: settings.retentionMs,
    log: ctx.log,
  })
}
