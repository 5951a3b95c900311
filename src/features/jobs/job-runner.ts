/**
 * The job queue. Every job is in IndexedDB before it is sent; the runner takes queued jobs in
 * order within the account's limits (ACCOUNT_LIMITS: concurrent text-to-image tasks, task
 * submissions a second) and each model's own (2 a minute for the max models, with the wait
 * written on the job), retries throttling and server errors with backoff, polls tasks until
 * they end, and hands results to `keep`. After a reload, `resume()` picks up where it left off.
 * Async task jobs (qwen-image-plus, qwen-image) poll; every other job is one sync call.
 */
import { t } from '@lingui/core/macro'
import PQueue from 'p-queue'
import pThrottle from 'p-throttle'
import type { api as studioApi } from '../../lib/api-client.ts'
import type { JobPatch, JobRecord } from '../../lib/records.ts'
import { StudioError, toStudioError } from '../../lib/studio-error.ts'
import { ACCOUNT_LIMITS } from '../../shared/models.ts'
import { isMultimodalRequest, type MultimodalRequest, type TaskQueryResponse } from '../../shared/schemas.ts'
import { pollDelay } from './poll-delay.ts'
import { ModelRateGate } from './model-rate-gate.ts'
import type { JobRepo } from './api/job-repo.ts'
import type { ResultLink } from './keep-results.ts'
import { withBackoff, type BackoffOptions } from './retry.ts'

export interface RunnerDeps {
  repo: JobRepo
  api: Pick<typeof studioApi, 'createTask' | 'getTask' | 'cancelTask' | 'generate'>
  keep: (job: JobRecord, links: ResultLink[]) => Promise<unknown>
  /** Turns a stored edit request into what is sent (stored edit inputs into data: URLs). */
  prepare?: (request: MultimodalRequest) => Promise<MultimodalRequest>
  sleep?: (ms: number) => Promise<void>
  backoff?: BackoffOptions
  limits?: { concurrentTasks: number; submitPerSecond: number }
  /** The length of the per-model limits' minute (the server says it in /api/config). */
  minuteMs?: () => number
  now?: () => number
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Sync calls (edits, text to image on the sync-only models): no vendor concurrency limit, but we keep a few at once. */
const EDIT_CONCURRENCY = 2

/** Whether a job is one sync call (multimodal-generation) rather than an async task. */
export const isSyncJob = (job: JobRecord) => isMultimodalRequest(job.request)

export class JobRunner {
  private readonly deps: Required<Omit<RunnerDeps, 'backoff' | 'minuteMs' | 'now'>> & { backoff: BackoffOptions }
  private readonly t2i: PQueue
  private readonly edits: PQueue
  private readonly gate: () => Promise<void>
  private readonly modelGate: ModelRateGate
  private readonly inFlight = new Set<string>()
  private running = 0
  /** Highest number of text-to-image tasks this runner had at the vendor at once. */
  maxRunning = 0

  constructor(deps: RunnerDeps) {
    const limits = deps.limits ?? ACCOUNT_LIMITS
    const { minuteMs, now, ...rest } = deps
    this.deps = { sleep: defaultSleep, backoff: {}, prepare: (r) => Promise.resolve(r), ...rest, limits }
    this.modelGate = new ModelRateGate(minuteMs, now)
    this.t2i = new PQueue({ concurrency: limits.concurrentTasks })
    this.edits = new PQueue({ concurrency: EDIT_CONCURRENCY })
    this.gate = pThrottle({ limit: limits.submitPerSecond, interval: 1000, strict: true })(async () => {})
  }

  /** Writes the job (queued) and schedules it. Resolves once it is written, not when it ends. */
  async enqueue(job: JobRecord): Promise<JobRecord> {
    const saved = await this.deps.repo.put({ ...job, status: 'queued' })
    this.schedule(saved)
    return saved
  }

  /** After a reload: resume every unfinished job. A job that never got a task id is not re-sent
   * blindly (it may have been billed): it becomes 'interrupted' with a retry offered. */
  async resume(): Promise<void> {
    for (const job of await this.deps.repo.active()) {
      if (this.inFlight.has(job.id)) continue
      if (job.status === 'queued' || job.taskId || (job.status === 'saving' && job.pendingResults)) {
        this.schedule(job)
      } else {
        await this.deps.repo.update(job.id, () => ({
          status: 'interrupted',
          error: {
            code: 'Interrupted',
            message: 'The page closed while this request was being sent, so its result is unknown. Retry to send it again.',
          },
        }))
      }
    }
  }

  async retry(id: string): Promise<void> {
    const job = await this.deps.repo.update(id, (j) => ({
      status: 'queued',
      error: undefined,
      // a task that failed or is unknown is re-submitted; one that merely lost contact is polled again
      taskId: j.status === 'failed' && j.error?.code === 'PollingLost' ? j.taskId : undefined,
      requestId: undefined,
    }))
    if (job) this.schedule(job)
  }

  /** Queued: dropped here. PENDING at the vendor: cancelled there. Running: refused (dismiss it). */
  async cancel(id: string): Promise<void> {
    const job = await this.deps.repo.get(id)
    if (!job) return
    if (job.status === 'queued' || job.status === 'interrupted') {
      await this.deps.repo.update(id, () => ({ status: 'canceled', finishedAt: Date.now() }))
      return
    }
    if (job.status === 'pending' && job.taskId) {
      await this.deps.api.cancelTask(job.taskId)
      await this.deps.repo.update(id, () => ({ status: 'canceled', finishedAt: Date.now() }))
      return
    }
    throw new StudioError({
      code: 'UnsupportedOperation',
      message: t`Only a job that is queued or PENDING can be cancelled; a running task can only be dismissed.`,
      status: 400,
      retryable: false,
    })
  }

  /** Stop waiting for a running job (the vendor may still finish, and bill, it). */
  async dismiss(id: string): Promise<void> {
    await this.deps.repo.update(id, () => ({ status: 'dismissed', finishedAt: Date.now() }))
  }

  /** Resolves when both queues are empty and idle (tests, benchmarks). */
  async idle(): Promise<void> {
    await Promise.all([this.t2i.onIdle(), this.edits.onIdle()])
  }

  private schedule(job: JobRecord) {
    if (this.inFlight.has(job.id)) return
    this.inFlight.add(job.id)
    const sync = isSyncJob(job)
    const queue = sync ? this.edits : this.t2i
    void queue
      .add(() => (sync ? this.runSync(job.id) : this.runTask(job.id)))
      .catch((error: unknown) => this.fail(job.id, toStudioError(error)))
      .finally(() => this.inFlight.delete(job.id))
  }

  private async fail(id: string, e: StudioError) {
    await this.deps.repo.update(id, () => ({
      status: 'failed',
      finishedAt: Date.now(),
      error: { code: e.code, message: e.message, requestId: e.requestId, retryable: e.retryable },
    }))
  }

  private stillWanted(job: JobRecord | undefined): job is JobRecord {
    return !!job && !['canceled', 'dismissed', 'succeeded', 'failed'].includes(job.status)
  }

  private async runTask(id: string) {
    let job = await this.deps.repo.get(id)
    if (!this.stillWanted(job)) return
    this.running++
    this.maxRunning = Math.max(this.maxRunning, this.running)
    try {
      if (job.status === 'saving' && job.pendingResults) return await this.deps.keep(job, job.pendingResults)
      if (!job.taskId) {
        const request = job.request
        if (isMultimodalRequest(request)) throw new Error(`Job ${id} is a sync call, not an async task`)
        const created = await this.submit(job, () => this.deps.api.createTask(request))
        if (!created) return
        job = await this.deps.repo.update(id, () => ({
          status: created.output.task_status === 'RUNNING' ? 'running' : 'pending',
          taskId: created.output.task_id,
          requestId: created.request_id,
        }))
        if (!job) return
      }
      await this.poll(job)
    } finally {
      this.running--
    }
  }

  /** Waits for the model's own limit, writing the wait on the job so the queue can show it; returns `sent`. */
  private async waitForModel(job: JobRecord): Promise<() => void> {
    const { waitMs, sent } = this.modelGate.reserve(job.request.model)
    if (waitMs <= 0) return sent
    await this.deps.repo.update(job.id, () => ({ rateLimitedUntil: Date.now() + waitMs }))
    await this.deps.sleep(waitMs)
    return sent
  }

  /** Sends a job's request once the rate gates allow, retrying what is retryable. */
  private async submit<T>(job: JobRecord, send: () => Promise<T>): Promise<T | undefined> {
    const result = await withBackoff(async () => {
      const sent = await this.waitForModel(job)
      await this.gate()
      const current = await this.deps.repo.get(job.id)
      if (!this.stillWanted(current)) return undefined
      await this.deps.repo.update(job.id, (j) => ({
        status: 'submitting',
        attempts: j.attempts + 1,
        submittedAt: Date.now(),
        rateLimitedUntil: undefined,
      }))
      sent()
      return send()
    }, this.deps.backoff)
    return result
  }

  private async poll(start: JobRecord) {
    const taskId = start.taskId!
    for (let polls = 0; ; polls++) {
      let res: TaskQueryResponse
      try {
        res = await withBackoff(() => this.deps.api.getTask(taskId), this.deps.backoff)
      } catch (error) {
        const e = toStudioError(error)
        if (!e.retryable) throw e
        throw new StudioError({
          code: 'PollingLost',
          message: `Lost contact while waiting for task ${taskId} (${e.message}). Retry to keep waiting for it.`,
          status: e.status,
          retryable: true,
        })
      }
      const job = await this.deps.repo.get(start.id)
      if (!this.stillWanted(job)) return
      const out = res.output
      switch (out.task_status) {
        case 'PENDING':
        case 'RUNNING': {
          const status = out.task_status === 'PENDING' ? 'pending' : 'running'
          if (job.status !== status) await this.deps.repo.update(job.id, () => ({ status }))
          await this.deps.sleep(pollDelay(polls))
          continue
        }
        case 'SUCCEEDED': {
          performance.mark(`qis:succeeded:${job.id}`) // bench/result-to-kept.ts starts here
          const links = (out.results ?? []).flatMap((r) => ('url' in r ? [{ url: r.url, actualPrompt: r.actual_prompt }] : []))
          const failures = (out.results ?? []).flatMap((r) => ('code' in r ? [r] : []))
          if (links.length === 0) {
            const f = failures[0]
            throw new StudioError({
              code: f?.code ?? 'NoResult',
              message: f?.message ?? 'The task succeeded without an image.',
              status: 200,
              retryable: false,
            })
          }
          await this.save(job, { status: 'saving', pendingResults: links, finishedAt: Date.now() }, links)
          return
        }
        case 'FAILED':
          throw new StudioError({
            code: out.code ?? 'TaskFailed',
            message: out.message ?? 'The task failed.',
            status: 200,
            retryable: false,
          })
        case 'CANCELED':
          await this.deps.repo.update(job.id, () => ({ status: 'canceled', finishedAt: Date.now() }))
          return
        case 'UNKNOWN':
          throw new StudioError({
            code: 'TaskUnknown',
            message: 'DashScope no longer knows this task (task data is kept for 24 hours). Retry to generate it again.',
            status: 200,
            retryable: false,
          })
      }
    }
  }

  private async runSync(id: string) {
    const job = await this.deps.repo.get(id)
    if (!this.stillWanted(job)) return
    if (job.status === 'saving' && job.pendingResults) return this.deps.keep(job, job.pendingResults)
    if (!isMultimodalRequest(job.request)) throw new Error(`Job ${id} is an async task, not a sync call`)
    const request = await this.deps.prepare(job.request)
    const res = await this.submit(job, () => this.deps.api.generate(request))
    if (!res) return
    const links = res.output.choices.flatMap((c) => c.message.content.map((m) => ({ url: m.image })))
    const u = res.usage
    const usage = {
      width: u.width ?? u.output_width,
      height: u.height ?? u.output_height,
      image_count: u.image_count ?? u.output_image_count ?? links.length,
    }
    // as sent (submittedAt, attempts): keep writes the whole record
    const sent = (await this.deps.repo.get(id)) ?? job
    await this.save(sent, { status: 'saving', requestId: res.request_id, usage, pendingResults: links, finishedAt: Date.now() }, links)
  }

  /**
   * Records the links (so a reload can finish the saving) and, at the same time, starts fetching
   * the images: the links expire and the user is waiting. The 'saving' write is queued first,
   * so the final write (in keep) lands after it.
   */
  private async save(job: JobRecord, patch: JobPatch, links: ResultLink[]) {
    const saving = this.deps.repo.update(job.id, () => patch)
    await Promise.all([saving, this.deps.keep({ ...job, ...patch }, links)])
  }
}
