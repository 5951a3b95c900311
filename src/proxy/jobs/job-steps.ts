/**
 * The steps of a job that both queues take the same way (embedded in the studio process, or in
 * Redis): what the vendor's answers make of the job, when a failed send goes again, and fetching
 * the result bytes. Each step returns the change to the job's view; the queue journals it.
 */
import type { MultimodalResponse, TaskCreatedResponse, TaskQueryResponse } from '../../shared/schemas.ts'
import type { ServerJob, ServerJobResult } from '../../shared/studio-jobs.ts'
import { QueueFailure, toQueueFailure, type QueueUpstream } from './queue-upstream.ts'

export type JobPatch = Partial<ServerJob>

/** The statuses of a job the queue still works on (a restart picks them up again). */
export const ACTIVE = ['queued', 'submitting', 'pending', 'running', 'fetching'] as const

const RETRY_BASE_MS = 1000
const RETRY_MAX_MS = 16_000
const MAX_SEND_RETRIES = 6
/** Consecutive failed polls before the job is reported as lost (its task may still finish). */
const MAX_POLL_FAILURES = 8

export const refused = (code: string, message: string, status = 400) => new QueueFailure({ code, message, status, retryable: false })

export const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', wake)
      resolve()
    }, ms)
    signal.addEventListener('abort', wake, { once: true })
  })

/** Calls `run` at most once per turn of the event loop, however often the returned function is called. */
export function coalesced(run: () => void): () => void {
  let pending = false
  return () => {
    if (pending) return
    pending = true
    setImmediate(() => {
      pending = false
      run()
    })
  }
}

/** A send that failed after `attempts` sends: how long until it goes again, or undefined: the job fails. */
export function resendDelay(e: QueueFailure, attempts: number): number | undefined {
  if (!e.retryable || attempts > MAX_SEND_RETRIES) return undefined
  return Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS) * (1 + Math.random() / 2)
}

export const failedPatch = (e: QueueFailure, now: number): JobPatch => ({
  status: 'failed',
  finishedAt: now,
  error: { code: e.code, message: e.message, requestId: e.requestId, retryable: e.retryable },
})

/** A request that was on the wire when the server holding it stopped. */
export const interruptedPatch = (now: number): JobPatch => ({
  status: 'interrupted',
  finishedAt: now,
  error: {
    code: 'Interrupted',
    message: 'The studio server stopped while this request was being sent, so its result is unknown. Retry to send it again.',
    retryable: true,
  },
})

/** The journaled mark that a request leaves now (before it does). */
export const sendingPatch = (v: ServerJob, status: 'submitting' | 'running', now: number): JobPatch => ({
  status,
  attempts: v.attempts + 1,
  submittedAt: now,
  rateLimitedUntil: undefined,
})

/** A failed, cancelled or interrupted job queued again; a task that merely lost contact is polled again. */
export function retryPatch(v: ServerJob): JobPatch {
  if (!['failed', 'canceled', 'interrupted'].includes(v.status))
    throw refused('UnsupportedOperation', `A ${v.status} job cannot be retried.`)
  const repoll = v.error?.code === 'PollingLost' && !!v.taskId
  return {
    status: repoll ? 'pending' : 'queued',
    error: undefined,
    taskId: repoll ? v.taskId : undefined,
    requestId: undefined,
    finishedAt: undefined,
    results: [],
    acknowledged: false,
  }
}

export const notCancellable = () =>
  refused('UnsupportedOperation', 'Only a job that is queued or PENDING can be cancelled; a running task finishes (and is billed).')

export const createdPatch = (created: TaskCreatedResponse): JobPatch => ({
  status: created.output.task_status === 'RUNNING' ? 'running' : 'pending',
  taskId: created.output.task_id,
  requestId: created.request_id,
})

/** A sync call's answer: its links, to be fetched. */
export function answeredPatch(res: MultimodalResponse): JobPatch {
  const links = res.output.choices.flatMap((c) => c.message.content.map((m) => m.image))
  const u = res.usage
  return {
    status: 'fetching',
    requestId: res.request_id,
    usage: {
      width: u.width ?? u.output_width,
      height: u.height ?? u.output_height,
      image_count: u.image_count ?? u.output_image_count ?? links.length,
    },
    results: links.map((remoteUrl, index) => ({ index, remoteUrl, mime: '', bytes: 0 })),
  }
}

const pollingLost = (e: QueueFailure, taskId: string) =>
  new QueueFailure({
    code: 'PollingLost',
    message: `Lost contact while waiting for task ${taskId} (${e.message}). Retry to keep waiting for it.`,
    status: e.status,
    retryable: true,
  })

/**
 * Asks the vendor how the task is: its answer; undefined after a failure that may pass (poll
 * again); the job's PollingLost failure after MAX_POLL_FAILURES of them in a row (`misses` counts).
 */
export async function pollOnce(
  upstream: QueueUpstream,
  taskId: string,
  misses: { count: number },
): Promise<TaskQueryResponse | QueueFailure | undefined> {
  try {
    const res = await upstream.getTask(taskId)
    misses.count = 0
    return res
  } catch (error) {
    const e = toQueueFailure(error)
    return e.retryable && ++misses.count < MAX_POLL_FAILURES ? undefined : pollingLost(e, taskId)
  }
}

/** What a poll's answer makes of the job: still at the vendor (as pending or running), or a change that ends the polling. */
export function polledStep(out: TaskQueryResponse['output'], now: number): { at: 'pending' | 'running' } | { patch: JobPatch } {
  switch (out.task_status) {
    case 'PENDING':
      return { at: 'pending' }
    case 'RUNNING':
      return { at: 'running' }
    case 'SUCCEEDED': {
      const results = (out.results ?? []).flatMap((r, index) =>
        'url' in r ? [{ index, remoteUrl: r.url, actualPrompt: r.actual_prompt, mime: '', bytes: 0 }] : [],
      )
      const failure = (out.results ?? []).find((r) => 'code' in r)
      if (results.length === 0)
        return {
          patch: failedPatch(
            refused(
              failure && 'code' in failure ? failure.code : 'NoResult',
              failure && 'message' in failure ? failure.message : 'The task succeeded without an image.',
              200,
            ),
            now,
          ),
        }
      // The slot is free at the vendor now; the bytes are fetched outside it.
      return { patch: { status: 'fetching', results: results.map((r, i) => ({ ...r, index: i })) } }
    }
    case 'FAILED':
      return { patch: failedPatch(refused(out.code ?? 'TaskFailed', out.message ?? 'The task failed.', 200), now) }
    case 'CANCELED':
      return { patch: { status: 'canceled', finishedAt: now } }
    case 'UNKNOWN':
      return {
        patch: failedPatch(
          refused('TaskUnknown', 'DashScope no longer knows this task (task data is kept for 24 hours). Retry to generate it again.', 200),
          now,
        ),
      }
  }
}

/** Fetches every result's bytes (links expire: at once), retrying what may pass; `keep` stores each. */
export function fetchAll(
  upstream: QueueUpstream,
  results: readonly ServerJobResult[],
  keep: (index: number, mime: string, bytes: Uint8Array) => unknown,
  signal: AbortSignal,
): Promise<ServerJobResult[]> {
  return Promise.all(
    results.map(async (r) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const image = await upstream.image(r.remoteUrl)
          await keep(r.index, image.mime, image.bytes)
          return { ...r, mime: image.mime, bytes: image.bytes.byteLength }
        } catch (error) {
          const e = toQueueFailure(error)
          if (!e.retryable || attempt >= 3 || signal.aborted) throw e
          await sleep(500 * 2 ** attempt, signal)
        }
      }
    }),
  )
}
