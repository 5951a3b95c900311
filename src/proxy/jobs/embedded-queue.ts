/**
 * The account's queue in the studio process (the default; Redis mode shares the interface). A job
 * is journaled before anything is sent; the scheduler sends within the account's limits (2 task
 * slots, 2 submissions a second, the max models' 2 a minute: shared/submit-windows.ts) in round
 * robin across submitters; a text-to-image job that needs no rewritten prompt goes to the sync
 * endpoint (shared/sync-route.ts), a task is polled when its learned duration says it ends
 * (./watch-task.ts); result bytes are fetched the moment the vendor has them and held until the
 * submitter's browser acknowledges them (then kept for the retention window). A restart finds every job where it was: queued ones
 * wait, tasks are polled again, a request that was on the wire is reported as interrupted.
 */
import { StudioError } from '../../shared/studio-error.ts'
import { ACCOUNT_LIMITS } from '../../shared/models.ts'
import { isMultimodalRequest } from '../../shared/schemas.ts'
import { SubmitWindows } from '../../shared/submit-windows.ts'
import { FINISHED_SERVER_STATUSES, type JobSubmission, type QueueView, type ServerJob } from '../../shared/studio-jobs.ts'
import { sendAs } from '../../shared/sync-route.ts'
import { fairOrder, projectedOrder, queueViewFor, type Waiting } from './fair-order.ts'
import {
  ACTIVE,
  answeredPatch,
  coalesced,
  createdPatch,
  failedPatch,
  fetchAll,
  interruptedPatch,
  notCancellable,
  noAnswerPatch,
  refused,
  resendDelay,
  retryPatch,
  sendingPatch,
} from './job-steps.ts'
import type { JobEvent, JobJournal, JournaledJob } from './journal.ts'
import { DurationBook } from './poll-schedule.ts'
import { toQueueFailure, unanswered, type QueueUpstream } from './queue-upstream.ts'
import { outcomePatch, watchTask, type TaskWatcher } from './watch-task.ts'

export interface QueueListener {
  job(event: JobEvent): void
  queue(view: QueueView): void
}

export interface JobQueue {
  /** Journals the job (the client job id is the idempotency key) and schedules it. */
  submit(sub: JobSubmission): Promise<ServerJob>
  /** Queued: dropped. PENDING at the vendor: cancelled there. Otherwise a StudioError. */
  cancel(id: string, submitter: string): Promise<ServerJob>
  /** A failed, cancelled or interrupted job is queued again. */
  retry(id: string, submitter: string): Promise<ServerJob>
  /** The browser kept the results. */
  acknowledge(id: string, submitter: string): Promise<ServerJob>
  image(id: string, submitter: string, index: number): Promise<{ mime: string; bytes: Uint8Array } | undefined>
  /**
   * Replays the submitter's events after `after` (or, without it, the state of every job they have
   * not acknowledged), then calls the listener live until the returned function is called.
   */
  subscribe(submitter: string, after: number | undefined, listener: QueueListener): Promise<() => void>
  /** Starts scheduling (and recovery); `origin` is the studio's own URL. */
  start(origin: string): Promise<void>
  close(): Promise<void>
}

export interface EmbeddedQueueOptions {
  /** Opened when the queue starts, closed with it. */
  openJournal: () => JobJournal
  upstream: QueueUpstream
  /** The per-model limits' minute (shorter on a test simulator). */
  minuteMs: () => number
  /** Acknowledged results are dropped this long after (ms). */
  retentionMs: number
  concurrentTasks?: number
  /** Sync calls at once (the vendor sets no concurrency limit for them). */
  syncConcurrency?: number
  log?: (line: string) => void
  now?: () => number
}

export class EmbeddedQueue implements JobQueue {
  readonly #o: Required<Omit<EmbeddedQueueOptions, 'log'>> & { log: (line: string) => void }
  #journal: JobJournal | undefined
  readonly #waiting = new Map<string, Waiting>()
  /** Jobs holding a slot: task (async, until it ends at the vendor) or sync (the call). */
  readonly #holding = new Map<string, { submitter: string; sync: boolean }>()
  readonly #lastServed = new Map<string, number>()
  readonly #listeners = new Map<string, Set<QueueListener>>()
  readonly #work = new Set<Promise<void>>()
  readonly #windows: SubmitWindows
  #turn = 0
  #timer: ReturnType<typeof setTimeout> | undefined
  #purgeTimer: ReturnType<typeof setInterval> | undefined
  #started = false
  #closed = false
  /** Wakes the poll loops' waits when the queue closes. */
  readonly #stop = new AbortController()
  /** Polls tasks when their learned durations say they end. */
  readonly #watcher: TaskWatcher

  constructor(opts: EmbeddedQueueOptions) {
    this.#o = {
      concurrentTasks: ACCOUNT_LIMITS.concurrentTasks,
      syncConcurrency: 2,
      now: Date.now,
      log: () => {},
      ...opts,
    }
    this.#windows = new SubmitWindows(opts.minuteMs)
    this.#watcher = { upstream: this.#o.upstream, book: new DurationBook(), signal: this.#stop.signal, now: this.#o.now }
  }

  get #j(): JobJournal {
    if (!this.#journal) throw new StudioError({ code: 'InternalError', message: 'The job queue has not started.', status: 503 })
    return this.#journal
  }

  async start(origin: string): Promise<void> {
    if (this.#started) return
    this.#started = true
    this.#journal = this.#o.openJournal()
    this.#o.upstream.origin = origin
    for (const job of this.#j.withStatus(ACTIVE)) this.#recover(job)
    this.#purge()
    this.#purgeTimer = setInterval(() => this.#purge(), 60 * 60 * 1000)
    this.#purgeTimer.unref()
    this.#pump()
    return Promise.resolve()
  }

  async close(): Promise<void> {
    this.#closed = true
    clearTimeout(this.#timer)
    clearInterval(this.#purgeTimer)
    this.#listeners.clear()
    this.#stop.abort()
    await Promise.allSettled([...this.#work])
    this.#journal?.close()
    this.#journal = undefined
  }

  submit(sub: JobSubmission): Promise<ServerJob> {
    // Journaled and, when a slot is free, marked as sent in one commit (written before the request leaves).
    const job = this.#j.atomically(() => {
      const { job, event } = this.#j.insert(sub, this.#o.now())
      if (event) {
        this.#emit(event)
        this.#enqueue(job)
        this.#pump()
      }
      return job
    })
    // Another browser's id: refused, not answered with its state.
    if (job.submitter !== sub.submitter)
      return Promise.reject(refused('InvalidParameter', 'This job id is taken; a new job needs a new id.'))
    return Promise.resolve(job.view)
  }

  async cancel(id: string, submitter: string): Promise<ServerJob> {
    const job = this.#own(id, submitter)
    const status = job.view.status
    if (status === 'queued') {
      this.#waiting.delete(id)
      return this.#update(id, () => ({ status: 'canceled', finishedAt: this.#o.now(), rateLimitedUntil: undefined }))!
    }
    if (status === 'pending' && job.view.taskId) {
      await this.#o.upstream.cancelTask(job.view.taskId)
      // The poll loop sees it and frees the slot.
      return this.#update(id, () => ({ status: 'canceled', finishedAt: this.#o.now() }))!
    }
    throw notCancellable()
  }

  retry(id: string, submitter: string): Promise<ServerJob> {
    const job = this.#own(id, submitter)
    let patch
    try {
      patch = retryPatch(job.view)
    } catch (error) {
      return Promise.reject(toQueueFailure(error))
    }
    const view = this.#update(id, () => patch)!
    this.#recover(this.#j.get(id)!)
    this.#pump()
    return Promise.resolve(view)
  }

  acknowledge(id: string, submitter: string): Promise<ServerJob> {
    this.#own(id, submitter)
    const event = this.#j.acknowledge(id, this.#o.now())!
    this.#emit(event)
    return Promise.resolve(event.job)
  }

  image(id: string, submitter: string, index: number) {
    this.#own(id, submitter)
    return Promise.resolve(this.#j.result(id, index))
  }

  subscribe(submitter: string, after: number | undefined, listener: QueueListener): Promise<() => void> {
    const last = this.#j.lastEventSeq()
    // A Last-Event-ID this journal never issued (its data folder was replaced): start from the state.
    const replay =
      after !== undefined && after <= last
        ? this.#j.eventsAfter(submitter, after)
        : this.#j.unacknowledged(submitter).map((j) => ({ seq: last, submitter, job: j.view }))
    for (const e of replay) listener.job(e)
    listener.queue(this.#queueView(submitter))
    const set = this.#listeners.get(submitter) ?? new Set()
    set.add(listener)
    this.#listeners.set(submitter, set)
    return Promise.resolve(() => {
      set.delete(listener)
      if (set.size === 0) this.#listeners.delete(submitter)
    })
  }

  /** Scheduler figures for tests and the bench: how many tasks are held now. */
  holding(): { tasks: number; sync: number; waiting: number } {
    const held = [...this.#holding.values()]
    return { tasks: held.filter((h) => !h.sync).length, sync: held.filter((h) => h.sync).length, waiting: this.#waiting.size }
  }

  #own(id: string, submitter: string): JournaledJob {
    const job = this.#j.get(id)
    if (!job || job.submitter !== submitter) throw refused('NotFound', `There is no job ${id} of yours on this studio.`, 404)
    return job
  }

  #update(id: string, patch: (v: ServerJob) => Partial<ServerJob>): ServerJob | undefined {
    const event = this.#j.update(id, patch, this.#o.now())
    if (event) this.#emit(event)
    return event?.job
  }

  #emit(event: JobEvent) {
    for (const l of this.#listeners.get(event.submitter) ?? []) l.job(event)
    this.#queueChanged()
  }

  /** Everyone's queue view, at most once per turn of the event loop. */
  #queueChanged() {
    if (this.#listeners.size > 0) this.#tellQueue()
  }

  readonly #tellQueue = coalesced(() => {
    for (const [submitter, set] of this.#listeners) {
      const view = this.#queueView(submitter)
      for (const l of set) l.queue(view)
    }
  })

  #queueView(submitter: string): QueueView {
    return queueViewFor(submitter, projectedOrder(this.#waiting.values(), this.#lastServed), [...this.#holding.values()])
  }

  #enqueue(job: JournaledJob, notBefore = 0) {
    this.#waiting.set(job.view.id, {
      id: job.view.id,
      submitter: job.submitter,
      seq: job.seq,
      model: job.request.model,
      sync: isMultimodalRequest(sendAs(job.request)),
      notBefore,
    })
  }

  /** Puts a journaled job back where it was. */
  #recover(job: JournaledJob) {
    const v = job.view
    // A job with a task id was sent as a task (whatever route it would take now): it is polled.
    const task = !!v.taskId && !isMultimodalRequest(job.request)
    if (v.status === 'queued') this.#enqueue(job)
    else if (v.status === 'fetching') this.#track(this.#fetchResults(job.view.id))
    else if ((v.status === 'pending' || v.status === 'running') && task) {
      this.#holding.set(v.id, { submitter: job.submitter, sync: false })
      this.#track(this.#runTask(job, true))
    } else this.#update(v.id, () => interruptedPatch(this.#o.now()))
  }

  #track(work: Promise<void>) {
    const p = work
      .catch((error: unknown) => this.#o.log(`queue: ${(error as Error).message}`))
      .finally(() => {
        this.#work.delete(p)
      })
    this.#work.add(p)
  }

  /** Sends every job that may go now; sets a timer for the soonest one that may go later. */
  #pump() {
    if (this.#closed || !this.#started) return
    clearTimeout(this.#timer)
    this.#timer = undefined
    let soonest: number
    for (;;) {
      const now = this.#o.now()
      const held = [...this.#holding.values()]
      const free = {
        task: held.filter((h) => !h.sync).length < this.#o.concurrentTasks,
        sync: held.filter((h) => h.sync).length < this.#o.syncConcurrency,
      }
      let picked: Waiting | undefined
      soonest = Infinity
      for (const list of fairOrder(this.#waiting.values(), this.#lastServed)) {
        for (const w of list) {
          if (!(w.sync ? free.sync : free.task)) continue
          const wait = Math.max(w.notBefore - now, this.#windows.waitMs(w.model, now))
          if (wait > 0) {
            soonest = Math.min(soonest, wait)
            this.#showWait(w, now, wait)
            continue
          }
          picked = w
          break
        }
        if (picked) break
      }
      if (!picked) break
      this.#waiting.delete(picked.id)
      this.#holding.set(picked.id, { submitter: picked.submitter, sync: picked.sync })
      this.#lastServed.set(picked.submitter, ++this.#turn)
      this.#windows.record(picked.model, now)
      const job = this.#j.get(picked.id)!
      this.#track(picked.sync ? this.#runSync(job) : this.#runTask(job, false))
    }
    if (Number.isFinite(soonest)) this.#timer = setTimeout(() => this.#pump(), soonest)
  }

  /** A wait of more than a second for the model's own limit is written on the job, for the queue to show. */
  #showWait(w: Waiting, now: number, wait: number) {
    if (wait < 1000 || w.notBefore > now) return
    const until = now + wait
    const shown = this.#j.get(w.id)?.view.rateLimitedUntil
    if (shown === undefined || Math.abs(shown - until) > 1000) this.#update(w.id, () => ({ rateLimitedUntil: until }))
  }

  #release(id: string) {
    this.#holding.delete(id)
    this.#pump()
    this.#queueChanged()
  }

  /** Marks the job as sent (journaled before the request leaves). */
  #sending(id: string, status: 'submitting' | 'running') {
    return this.#update(id, (v) => sendingPatch(v, status, this.#o.now()))
  }

  /** A send that failed: retryable ones go back in the queue with backoff, others fail the job. */
  #sendFailed(job: JournaledJob, error: unknown) {
    const e = toQueueFailure(error)
    const delay = unanswered(e) ? undefined : resendDelay(e, this.#j.get(job.view.id)?.view.attempts ?? 1)
    if (unanswered(e)) {
      this.#update(job.view.id, () => noAnswerPatch(this.#o.now()))
      return
    }
    if (delay !== undefined) {
      this.#o.log(`queue: ${job.view.id} ${e.code}; sending again in ${Math.round(delay)} ms`)
      this.#update(job.view.id, () => ({ status: 'queued' }))
      this.#enqueue(job, this.#o.now() + delay)
      return
    }
    this.#fail(job.view.id, e)
  }

  #fail(id: string, e: StudioError) {
    this.#update(id, () => failedPatch(e, this.#o.now()))
  }

  #stillWanted(id: string): boolean {
    const status = this.#j.get(id)?.view.status
    return !!status && !FINISHED_SERVER_STATUSES.includes(status)
  }

  async #runTask(job: JournaledJob, resumed: boolean): Promise<void> {
    const id = job.view.id
    const request = resumed && !isMultimodalRequest(job.request) ? job.request : sendAs(job.request)
    try {
      if (isMultimodalRequest(request)) throw new Error(`Job ${id} is a sync call, not a task`)
      let taskId = job.view.taskId
      let created: { sentAt: number; answeredAt: number } | undefined
      if (!resumed || !taskId) {
        this.#sending(id, 'submitting')
        const sentAt = this.#o.now()
        let answer
        try {
          answer = await this.#o.upstream.createTask(request)
        } catch (error) {
          this.#sendFailed(job, error)
          return
        }
        created = { sentAt, answeredAt: this.#o.now() }
        taskId = answer.output.task_id
        this.#update(id, () => createdPatch(answer))
      }
      const wanted = () => !this.#closed && this.#stillWanted(id)
      const onStatus = (status: 'pending' | 'running') => {
        if (this.#j.get(id)?.view.status !== status) this.#update(id, () => ({ status }))
      }
      const outcome = await watchTask(this.#watcher, { request, taskId, created, wanted, onStatus })
      if (!outcome || !this.#stillWanted(id)) return
      const e = this.#update(id, () => outcomePatch(outcome, this.#o.now()))
      // The slot is free at the vendor now; the bytes are fetched outside it.
      if (e?.status === 'fetching') this.#track(this.#fetchResults(id))
    } finally {
      this.#release(id)
    }
  }

  async #runSync(job: JournaledJob): Promise<void> {
    const id = job.view.id
    try {
      const request = sendAs(job.request)
      if (!isMultimodalRequest(request)) throw new Error(`Job ${id} is a task, not a sync call`)
      this.#sending(id, 'running')
      let answer
      try {
        answer = await this.#o.upstream.generate(request)
      } catch (error) {
        this.#sendFailed(job, error)
        return
      }
      this.#update(id, () => answeredPatch(answer))
    } finally {
      this.#release(id)
    }
    await this.#fetchResults(id)
  }

  /** Fetches every result's bytes (links expire: at once), retrying what may pass. */
  async #fetchResults(id: string): Promise<void> {
    const job = this.#j.get(id)
    if (!job || job.view.status !== 'fetching') return
    const results = await fetchAll(
      this.#o.upstream,
      job.view.results,
      (index, mime, bytes) => this.#j.putResult(id, index, mime, bytes),
      this.#stop.signal,
    ).catch((error: unknown) => {
      this.#fail(id, toQueueFailure(error))
      return undefined
    })
    if (results) this.#update(id, () => ({ status: 'succeeded', finishedAt: this.#o.now(), results }))
  }

  #purge() {
    const purged = this.#j.purge(this.#o.now() - this.#o.retentionMs)
    if (purged) this.#o.log(`queue: ${purged} acknowledged jobs past the retention window dropped`)
  }
}
