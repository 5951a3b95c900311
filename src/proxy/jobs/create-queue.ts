/** The job queue for the studio's settings: embedded, its journal in SQLite in the data folder. */
import { EmbeddedQueue, type JobQueue } from './embedded-queue.ts'
import { JobJournal } from './journal.ts'
import type { QueueSettings } from './queue-settings.ts'
import { QueueUpstream, type InternalFetch } from './queue-upstream.ts'

export interface QueueContext {
  internal: InternalFetch
  minuteMs: () => number
  log: (line: string) => void
}

export function createQueue(settings: QueueSettings, ctx: QueueContext): JobQueue {
  return new EmbeddedQueue({
    openJournal: () => new JobJournal(settings.dataDir),
    upstream: new QueueUpstream(ctx.internal),
    minuteMs: ctx.minuteMs,
    retentionMs: settings.retentionMs,
    log: ctx.log,
  })
}
