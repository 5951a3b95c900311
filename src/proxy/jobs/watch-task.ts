/**
 * One async task at the vendor, from its creation to its outcome (issue 19): polled when the
 * learned schedule says (./poll-schedule.ts), at most once a second, and what it ended as. Any
 * queue backend runs a task with it; the caller journals the status changes it is told about.
 */
import { StudioError } from '../../shared/studio-error.ts'
import type { ImageSynthesisRequest, TaskOutput } from '../../shared/schemas.ts'
import type { ServerJobResult } from '../../shared/studio-jobs.ts'
import { DurationBook, nextPollAt, taskKind, vendorTimes } from './poll-schedule.ts'
import { failedPatch, refused as stepRefused, sleep, type JobPatch } from './job-steps.ts'
import { toQueueFailure, type QueueUpstream } from './queue-upstream.ts'

/** Consecutive failed polls before the job is reported as lost (its task may still finish). */
const MAX_POLL_FAILURES = 8

export type TaskOutcome =
  { status: 'succeeded'; results: ServerJobResult[] } | { status: 'failed'; error: StudioError } | { status: 'canceled' }

/** What a queue watches its tasks with: the same for all of them. */
export interface TaskWatcher {
  upstream: QueueUpstream
  book: DurationBook
  /** Wakes the waits and ends the watch (the queue is closing). */
  signal: AbortSignal
  now?: () => number
}

/** One task to watch, and what its job wants to hear. */
export interface WatchedTask {
  request: ImageSynthesisRequest
  taskId: string
  /** When the task's creation was sent and answered (our clock), if this process created it. */
  created?: { sentAt: number; answeredAt: number }
  /** False once the job no longer needs its outcome (cancelled, or finished elsewhere). */
  wanted: () => boolean | Promise<boolean>
  /** The vendor's status while it is not finished. */
  onStatus: (status: 'pending' | 'running') => unknown
}

const refused = (code: string, message: string) => stepRefused(code, message, 200)

/** The change a task's outcome makes to its job (a success: its bytes are to be fetched). */
export function outcomePatch(outcome: TaskOutcome, now: number): JobPatch {
  if (outcome.status === 'succeeded') return { status: 'fetching', results: outcome.results }
  if (outcome.status === 'failed') return failedPatch(outcome.error, now)
  return { status: 'canceled', finishedAt: now }
}

/** What a finished task's answer means for its job. */
export function taskOutcome(out: TaskOutput): TaskOutcome | undefined {
  switch (out.task_status) {
    case 'PENDING':
    case 'RUNNING':
      return undefined
    case 'SUCCEEDED': {
      const results = (out.results ?? []).flatMap((r) =>
        'url' in r ? [{ remoteUrl: r.url, actualPrompt: r.actual_prompt, mime: '', bytes: 0 }] : [],
      )
      if (results.length) return { status: 'succeeded', results: results.map((r, index) => ({ index, ...r })) }
      const failure = (out.results ?? []).find((r) => 'code' in r)
      return failure && 'code' in failure
        ? { status: 'failed', error: refused(failure.code, failure.message) }
        : { status: 'failed', error: refused('NoResult', 'The task succeeded without an image.') }
    }
    case 'FAILED':
      return { status: 'failed', error: refused(out.code ?? 'TaskFailed', out.message ?? 'The task failed.') }
    case 'CANCELED':
      return { status: 'canceled' }
    case 'UNKNOWN':
      return {
        status: 'failed',
        error: refused('TaskUnknown', 'DashScope no longer knows this task (task data is kept for 24 hours). Retry to generate it again.'),
      }
  }
}

/** Polls the task until it ends; undefined when the watch was stopped or the job is no longer wanted. */
export async function watchTask(watcher: TaskWatcher, task: WatchedTask): Promise<TaskOutcome | undefined> {
  const w = { ...watcher, ...task }
  const now = w.now ?? Date.now
  const kind = taskKind(w.request)
  let lastAt = w.created?.answeredAt ?? now()
  let scheduledAt: number | undefined
  let offsetLearned = !w.created
  let failures = 0
  while (!w.signal.aborted) {
    const at = nextPollAt({ now: now(), lastAt, scheduledAt, runs: w.book.runs(kind) })
    await sleep(at - now(), w.signal)
    if (w.signal.aborted || !(await w.wanted())) return undefined
    const previous = lastAt
    lastAt = now()
    let out: TaskOutput
    try {
      out = (await w.upstream.getTask(w.taskId)).output
      failures = 0
    } catch (error) {
      const e = toQueueFailure(error)
      if (e.retryable && ++failures < MAX_POLL_FAILURES) continue
      const message = `Lost contact while waiting for task ${w.taskId} (${e.message}). Retry to keep waiting for it.`
      return { status: 'failed', error: new StudioError({ code: 'PollingLost', message, status: e.status, retryable: true }) }
    }
    if (!(await w.wanted())) return undefined
    const times = vendorTimes(out)
    if (!offsetLearned && times.submit !== undefined) {
      w.book.learnOffset(times.submit, w.created!.sentAt, w.created!.answeredAt)
      offsetLearned = true
    }
    // A task seen RUNNING without its scheduled_time started after the last poll that saw it PENDING.
    if (out.task_status === 'RUNNING') scheduledAt ??= times.scheduled === undefined ? previous : times.scheduled - w.book.offset()
    const outcome = taskOutcome(out)
    if (!outcome) {
      await w.onStatus(out.task_status === 'PENDING' ? 'pending' : 'running')
      continue
    }
    if (outcome.status === 'succeeded') w.book.learn(kind, times)
    return outcome
  }
  return undefined
}
