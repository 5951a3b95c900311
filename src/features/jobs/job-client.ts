/**
 * The page's side of the account's queue, which lives in the studio server. A job is written to
 * IndexedDB, then handed to the server with its client job id (the idempotency key: handing it
 * over again after a reload never submits twice) until the server confirms it. The server's
 * events (Server-Sent Events, resumed from Last-Event-ID) are mirrored into the job's record; a
 * finished job's result bytes are fetched from the server the moment its event arrives (beside
 * the record's writes, not after them), shown, kept in IndexedDB with their thumbnails in one
 * transaction, and acknowledged, so the server may drop them. Every tab
 * listens; a Web Lock per job makes one of them keep it.
 */
import type { JobPatch, JobRecord, JobStatus } from '../../lib/records.ts'
import { resolveStoredInputs } from '../../lib/stored-inputs.ts'
import { toStudioError } from '../../lib/studio-error.ts'
import { isMultimodalRequest } from '../../shared/schemas.ts'
import { FINISHED_SERVER_STATUSES, type QueueView, type ServerJob, type ServerJobStatus } from '../../shared/studio-jobs.ts'
import type { JobRepo } from './api/job-repo.ts'
import { serverJobs } from './api/server-jobs.ts'
import type { ResultLink } from './keep-results.ts'

export interface JobClientDeps {
  repo: JobRepo
  submitter: string
  /** Keeps a job's results (bytes by index) in IndexedDB; resolves with the kept image ids. */
  keep: (job: JobRecord, links: ResultLink[], bytes: (index: number) => Promise<Blob>) => Promise<string[]>
  /** Shows a result from its bytes the moment they arrive, before (and while) it is kept. */
  preview?: (job: JobRecord, link: ResultLink, index: number, blob: Blob) => void
  /**
   * The job as the page last read it, if it has it in memory: a preview uses it rather than wait
   * for an IndexedDB read, which queues behind every write begun before it (other results' blobs).
   */
  known?: (id: string) => JobRecord | undefined
  onQueue: (view: QueueView) => void
}

const LOCAL_STATUS: Record<ServerJobStatus, JobStatus> = {
  queued: 'queued',
  submitting: 'submitting',
  pending: 'pending',
  running: 'running',
  fetching: 'saving',
  // kept by this page, then 'succeeded' (written with the images, in one transaction)
  succeeded: 'saving',
  failed: 'failed',
  canceled: 'canceled',
  interrupted: 'interrupted',
}

/** Handing over failed (the server was unreachable): tried again this much later, then on every reconnect. */
const HAND_AGAIN_MS = 2000

function patchFrom(v: ServerJob): JobPatch {
  return {
    status: LOCAL_STATUS[v.status],
    taskId: v.taskId,
    requestId: v.requestId,
    attempts: v.attempts,
    submittedAt: v.submittedAt,
    finishedAt: v.finishedAt,
    error: v.error,
    usage: v.usage,
    rateLimitedUntil: v.rateLimitedUntil,
    pendingResults: v.results.length ? v.results.map((r) => ({ url: r.remoteUrl, actualPrompt: r.actualPrompt })) : undefined,
  }
}

export class JobClient {
  readonly #d: JobClientDeps
  /** Per job, its events are handled one after the other. */
  readonly #chains = new Map<string, Promise<void>>()
  readonly #handing = new Set<string>()
  /** The newest revision of each job seen: answers and events can cross, the older one is dropped. */
  readonly #seen = new Map<string, number>()
  /** Result bytes asked for when the job's success was heard, by job and index; taken once. */
  readonly #early = new Map<string, Map<number, Promise<Blob>>>()
  #events: EventSource | undefined

  constructor(deps: JobClientDeps) {
    this.#d = deps
  }

  /** Writes the job (queued) and hands it to the server. Resolves once it is written. */
  async enqueue(job: JobRecord): Promise<JobRecord> {
    const saved = await this.#d.repo.put({ ...job, status: 'queued', handedAt: undefined })
    void this.#hand(saved)
    return saved
  }

  /** Listens to the server's events; hands over again every job it has not confirmed. */
  connect(): () => void {
    const events = new EventSource(serverJobs.eventsUrl(this.#d.submitter))
    this.#events = events
    events.addEventListener('open', () => void this.resume())
    events.addEventListener('job', (e) => {
      const view = JSON.parse((e as MessageEvent<string>).data) as ServerJob
      this.#fetchEarly(view)
      this.#chain(view.id, () => this.#onJob(view))
    })
    events.addEventListener('queue', (e) => this.#d.onQueue(JSON.parse((e as MessageEvent<string>).data) as QueueView))
    return () => {
      events.close()
      this.#events = undefined
    }
  }

  /** Every unfinished job the server has not confirmed is handed over (again: it is idempotent). */
  async resume(): Promise<void> {
    for (const job of await this.#d.repo.active()) if (!job.handedAt) void this.#hand(job)
  }

  async cancel(id: string): Promise<void> {
    const job = await this.#d.repo.get(id)
    if (!job) return
    if (!job.handedAt && job.status === 'queued') {
      await this.#d.repo.update(id, () => ({ status: 'canceled', finishedAt: Date.now() }))
      return
    }
    await this.#apply(await serverJobs.cancel(id, this.#d.submitter))
  }

  /** Stop waiting for a job here: a result that comes later is not kept. */
  async dismiss(id: string): Promise<void> {
    await this.#d.repo.update(id, () => ({ status: 'dismissed', finishedAt: Date.now() }))
  }

  async retry(id: string): Promise<void> {
    const job = await this.#d.repo.get(id)
    if (!job) return
    if (!job.handedAt) {
      const queued = await this.#d.repo.update(id, () => ({ status: 'queued', error: undefined }))
      if (queued) void this.#hand(queued)
      return
    }
    await this.#apply(await serverJobs.retry(id, this.#d.submitter))
  }

  #chain(id: string, work: () => Promise<void>) {
    const next = (this.#chains.get(id) ?? Promise.resolve())
      .then(work)
      .catch((error: unknown) => console.warn(`job ${id}:`, toStudioError(error).message))
    this.#chains.set(id, next)
    void next.finally(() => {
      if (this.#chains.get(id) === next) this.#chains.delete(id)
    })
  }

  /** A job that has just succeeded: its bytes are asked for now, while its record is written. */
  #fetchEarly(view: ServerJob) {
    if (view.status !== 'succeeded' || view.acknowledged || this.#early.has(view.id) || view.rev < (this.#seen.get(view.id) ?? 0)) return
    const early = new Map(view.results.map((r, i) => [i, serverJobs.image(view.id, r.index, this.#d.submitter)] as const))
    this.#early.set(view.id, early)
    // Shown as soon as the bytes and the job's record are both here, whatever its writes are doing.
    const known = this.#d.known?.(view.id)
    const local = known ? Promise.resolve(known) : this.#d.repo.get(view.id)
    for (const [i, bytes] of early) {
      const r = view.results[i]!
      // bench/wait.ts reads when the bytes reached the page (and when they were handed to the views).
      bytes.then(
        () => performance.mark(`qis:bytes:${view.id}-${i}`),
        () => {},
      )
      void Promise.all([bytes, local])
        .then(([blob, job]) => {
          if (job && job.status !== 'succeeded' && job.status !== 'dismissed') {
            this.#d.preview?.({ ...job, ...patchFrom(view) }, { url: r.remoteUrl, actualPrompt: r.actualPrompt }, i, blob)
            performance.mark(`qis:previewed:${view.id}-${i}`)
          }
        })
        // a failure here is met again by keeping, which asks once more
        .catch(() => {})
    }
  }

  /** Result `index`'s bytes: the early request's, once; else asked for now. */
  #bytes(view: ServerJob, index: number): Promise<Blob> {
    const early = this.#early.get(view.id)?.get(index)
    this.#early.get(view.id)?.delete(index)
    return early ?? serverJobs.image(view.id, view.results[index]!.index, this.#d.submitter)
  }

  async #apply(view: ServerJob) {
    this.#chain(view.id, () => this.#onJob(view))
    await this.#chains.get(view.id)
  }

  async #hand(job: JobRecord): Promise<void> {
    if (this.#handing.has(job.id)) return
    this.#handing.add(job.id)
    try {
      const request = isMultimodalRequest(job.request) ? await resolveStoredInputs(job.request) : job.request
      const view = await serverJobs.submit({ id: job.id, submitter: this.#d.submitter, kind: job.kind, request })
      await this.#apply(view)
    } catch (error) {
      const e = toStudioError(error)
      if (e.retryable) {
        // Unreachable: the next connection (or this timer) hands it over again.
        setTimeout(() => {
          if (this.#events?.readyState === EventSource.OPEN) void this.#hand(job)
        }, HAND_AGAIN_MS)
        return
      }
      await this.#d.repo.update(job.id, () => ({
        status: 'failed',
        finishedAt: Date.now(),
        error: { code: e.code, message: e.message, requestId: e.requestId, retryable: false },
      }))
    } finally {
      this.#handing.delete(job.id)
    }
  }

  async #onJob(view: ServerJob): Promise<void> {
    if (view.rev < (this.#seen.get(view.id) ?? 0)) return
    this.#seen.set(view.id, view.rev)
    const local = await this.#d.repo.get(view.id)
    const finishedHere = local?.status === 'succeeded' || local?.status === 'dismissed'
    if (!local || finishedHere) this.#early.delete(view.id)
    if (!local) return
    const finished = FINISHED_SERVER_STATUSES.includes(view.status)
    if (finishedHere) {
      if (!local.handedAt) await this.#d.repo.update(view.id, () => ({ handedAt: Date.now() }))
      if (finished && !view.acknowledged) await serverJobs.acknowledge(view.id, this.#d.submitter)
      return
    }
    // bench/result-to-kept.ts starts here: this page hears that the task has succeeded.
    if (view.status === 'succeeded' && performance.getEntriesByName(`qis:succeeded:${view.id}`).length === 0)
      performance.mark(`qis:succeeded:${view.id}`)
    await this.#d.repo.update(view.id, (j) => ({ ...patchFrom(view), handedAt: j.handedAt ?? Date.now() }))
    if (view.status === 'succeeded' && !view.acknowledged) await this.#keep(view)
    else if (finished && !view.acknowledged) await serverJobs.acknowledge(view.id, this.#d.submitter)
  }

  /** One tab keeps a job's results (the others wait, then find it kept). */
  async #keep(view: ServerJob): Promise<void> {
    const work = async () => {
      const job = await this.#d.repo.get(view.id)
      if (!job) return
      if (job.status !== 'succeeded') {
        const links = view.results.map((r) => ({ url: r.remoteUrl, actualPrompt: r.actualPrompt }))
        try {
          await this.#d.keep(job, links, (index) => this.#bytes(view, index))
        } catch (error) {
          // Not acknowledged: the server keeps the bytes, and the next connection tries again.
          const e = toStudioError(error)
          await this.#d.repo.update(view.id, () => ({
            status: 'failed',
            error: { code: e.code, message: e.message, retryable: e.retryable },
          }))
          return
        }
      }
      await serverJobs.acknowledge(view.id, this.#d.submitter)
    }
    try {
      if (navigator.locks) await navigator.locks.request(`qwen-image-studio-keep-${view.id}`, work)
      else await work()
    } finally {
      this.#early.delete(view.id)
    }
  }
}
