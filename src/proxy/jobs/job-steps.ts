/**
 * The steps of a job that both queues take the same way (embedded in the studio process, or in
 * Redis): what the vendor's answers make of the job, when a failed send goes again, and fetching
 * the result bytes. Each step returns the change to the job's view; the queue journals it.
 */
import { StudioError } from '../../shared/studio-error.ts'
import type { MultimodalResponse, TaskCreatedResponse } from '../../shared/schemas.ts'
import type { ServerJob, ServerJobResult } from '../../shared/studio-jobs.ts'
import { INTERRUPTED_SYNC, NO_ANSWER, toQueueFailure, type QueueUpstream } from './queue-upstream.ts'

export type JobPatch = Partial<ServerJob>

/** The statuses of a job the queue still works on (a restart picks them up again). */
export const ACTIVE = ['queued', 'submitting', 'pending', 'running', 'fetching'] as const

const RETRY_BASE_MS = 1000
const RETRY_MAX_MS = 16_000
const MAX_SEND_RETRIES = 6

export const refused = (code: string, message: string, status = 400) => new StudioError({ code, message, status, retryable: false })

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
export function resendDelay(e: StudioError, attempts: number): number | undefined {
  if (!e.retryable || attempts > MAX_SEND_RETRIES) return undefined
  return Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS) * (1 + Math.random() / 2)
}

export const failedPatch = (e: StudioError, now: number): JobPatch => ({
  status: 'failed',
  finishedAt: now,
  error: { code: e.code, message: e.message, requestId: e.requestId, retryable: e.retryable },
})

/** A request that was on the wire when the server holding it stopped. */
export const interruptedPatch = (now: number): JobPatch => ({
  status: 'interrupted',
  finishedAt: now,
  error: { ...INTERRUPTED_SYNC, retryable: true },
})

/** A generation the gateway got no answer for in time: it may have been made and billed, so it is not sent again on its own. */
export const noAnswerPatch = (now: number): JobPatch => ({
  status: 'interrupted',
  finishedAt: now,
  error: { ...NO_ANSWER, retryable: true },
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
