/**
 * The account's queue in Redis (REDIS_URL), for several studio instances behind one address: the
 * same JobQueue as the embedded one, its journal in Redis (./redis-journal.ts), its scheduling by
 * BullMQ, so the account's limits hold whichever instance a browser reaches.
 *
 * - A job holds one of the account's 2 task slots for as long as a BullMQ job of the `tasks` queue
 *   is active (sent, then polled until the task ends at the vendor); the queue's global
 *   concurrency is the slot count, across every instance's worker. Sync calls have a `sync` queue
 *   of their own; result bytes are fetched by the `fetch` queue, outside the slots.
 * - The account's 2 submissions a second and the max models' per-minute windows are counted in
 *   Redis, atomically, when a job is about to be sent (the windows of shared/submit-windows.ts):
 *   over the account's, the job whose turn it is waits it out in its slot; over a model's, only
 *   that job waits (delayed, its turn kept) and the others go. BullMQ's own rate limiter does not
 *   fit: it counts one queue's jobs started (the account's second is shared by tasks and sync
 *   calls, and a max model's minute is its own), and a queue it limited is looked at again only
 *   at its workers' next poll.
 * - Round robin across submitters: open-source BullMQ has no groups, so each job's priority is
 *   its submitter's next turn (redis-journal.ts TURN); BullMQ picks the lowest, atomically.
 * - An instance killed mid-task loses its BullMQ lock; another instance's worker takes the job
 *   over and carries on from the journal: a task is polled again, a request that was on the wire
 *   is reported as interrupted, never sent twice. An instance that stops cleanly hands its jobs
 *   back at once.
 * - Every job event is published on one channel: each instance's Server-Sent Events clients hear
 *   every job, and resume from Last-Event-ID on any instance.
 */
import { StudioError } from '../../shared/studio-error.ts'
import { DelayedError, Queue, WaitingError, Worker, type Job, type WorkerOptions } from 'bullmq'
import type { Redis } from 'ioredis'
import { ACCOUNT_LIMITS } from '../../shared/models.ts'
import { isMultimodalRequest } from '../../shared/schemas.ts'
import { FINISHED_SERVER_STATUSES, ServerJob, type JobSubmission, type ServerJob as View } from '../../shared/studio-jobs.ts'
import { SubmitWindows } from '../../shared/submit-windows.ts'
import { sendAs } from '../../shared/sync-route.ts'
import type { JobQueue, QueueListener } from './embedded-queue.ts'
import { queueViewFor } from './fair-order.ts'
import * as steps from './job-steps.ts'
import type { JobEvent, JournaledJob } from './journal.ts'
import { DurationBook } from './poll-schedule.ts'
import { toQueueFailure, unanswered, type QueueUpstream } from './queue-upstream.ts'
import { RedisJournal } from './redis-journal.ts'
import { outcomePatch, watchTask, type TaskWatcher } from './watch-task.ts'

export interface RedisQueueOptions {
  url: string
  /** Every key and BullMQ queue below it (one account per prefix). */
  prefix?: string
  upstream: QueueUpstream
  minuteMs: () => number
  retentionMs: number
  syncConcurrency?: number
  log?: (line: string) => void
  now?: () => number
}

/**
 * A killed instance's jobs are taken over about this long after it stopped (its lock, renewed every
 * half of it, expires; the stalled-job check runs every STALL_CHECK_MS).
 */
const LOCK_MS = 5000
const STALL_CHECK_MS = 1000

type Lane = 'tasks' | 'sync' | 'fetch'
const LANES: Lane[] = ['tasks', 'sync', 'fetch']

interface Live {
  listener: QueueListener
  /** Events heard while the replay is read; then undefined (live). */
  buffer?: JobEvent[]
}

export class RedisQueue implements JobQueue {
  readonly #o: Required<Omit<RedisQueueOptions, 'log' | 'prefix'>> & { log: (line: string) => void; prefix: string }
  readonly #windows: SubmitWindows
  readonly #listeners = new Map<string, Set<Live>>()
  readonly #stop = new AbortController()
  /** Polls tasks when run times learned from this instance's finished tasks say they end (poll-schedule.ts). */
  readonly #watcher: TaskWatcher
  #journal: RedisJournal | undefined
  #sub: Redis | undefined
  #queues: Record<Lane, Queue> | undefined
  #workers: Worker[] = []
  #purgeTimer: ReturnType<typeof setInterval> | undefined
  #closed = false

  constructor(opts: RedisQueueOptions) {
    this.#o = { prefix: 'qis', syncConcurrency: 2, now: Date.now, log: () => {}, ...opts }
    this.#windows = new SubmitWindows(opts.minuteMs)
    this.#watcher = { upstream: this.#o.upstream, book: new DurationBook(), signal: this.#stop.signal, now: this.#o.now }
  }

  get #j(): RedisJournal {
    if (!this.#journal) throw new StudioError({ code: 'InternalError', message: 'The job queue has not started.', status: 503 })
    return this.#journal
  }

  get #q(): Record<Lane, Queue> {
    if (!this.#queues) throw new StudioError({ code: 'InternalError', message: 'The job queue has not started.', status: 503 })
    return this.#queues
  }

  async start(origin: string): Promise<void> {
    if (this.#journal) return
    this.#o.upstream.origin = origin
    const journal = new RedisJournal(this.#o.url, this.#o.prefix)
    this.#journal = journal
    const sub = journal.subscriber()
    this.#sub = sub
    sub.on('message', (_channel: string, message: string) => this.#heard(message))
    await sub.subscribe(journal.channel)
    const connection = { url: this.#o.url, maxRetriesPerRequest: null }
    const opts = { connection, prefix: this.#o.prefix }
    this.#queues = { tasks: new Queue('tasks', opts), sync: new Queue('sync', opts), fetch: new Queue('fetch', opts) }
    await this.#queues.tasks.setGlobalConcurrency(ACCOUNT_LIMITS.concurrentTasks)
    await this.#queues.sync.setGlobalConcurrency(this.#o.syncConcurrency)
    const workerOpts: WorkerOptions = {
      ...opts,
      concurrency: ACCOUNT_LIMITS.concurrentTasks,
      lockDuration: LOCK_MS,
      stalledInterval: STALL_CHECK_MS,
      // A job taken over is carried on from its journal, however often its holder stopped.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      // A slot freed on another instance wakes this one's worker; should that wake-up be missed
      // (both slots freed at once), it looks again within a second rather than BullMQ's 5.
      drainDelay: 1,
    }
    this.#workers = [
      new Worker('tasks', (job, token) => this.#slot('tasks', job, token), workerOpts),
      new Worker('sync', (job, token) => this.#slot('sync', job, token), { ...workerOpts, concurrency: this.#o.syncConcurrency }),
      new Worker('fetch', (job) => this.#fetch(job.id!), { ...workerOpts, concurrency: 4 }),
    ]
    for (const w of this.#workers) w.on('error', (error) => this.#o.log(`queue: ${error.message}`))
    await this.#reconcile()
    await this.#purge()
    this.#purgeTimer = setInterval(() => void this.#purge(), 60 * 60 * 1000)
    this.#purgeTimer.unref()
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    clearInterval(this.#purgeTimer)
    this.#listeners.clear()
    this.#stop.abort()
    await Promise.allSettled(this.#workers.map((w) => w.close()))
    const queues = this.#queues
    if (queues) await Promise.allSettled(LANES.map((l) => queues[l].close()))
    await this.#sub?.quit().catch(() => undefined)
    await this.#journal?.close().catch(() => undefined)
    this.#journal = undefined
  }

  async submit(sub: JobSubmission): Promise<View> {
    const sync = isMultimodalRequest(sub.request)
    const { job, turn } = await this.#j.insert(sub, sync, this.#o.now())
    // Another browser's id: refused, not answered with its state.
    if (job.submitter !== sub.submitter) throw steps.refused('InvalidParameter', 'This job id is taken; a new job needs a new id.')
    if (turn !== undefined) await this.#add(sync ? 'sync' : 'tasks', sub.id, turn)
    return job.view
  }

  async cancel(id: string, submitter: string): Promise<View> {
    const job = await this.#own(id, submitter)
    const now = this.#o.now()
    if (job.view.status === 'queued') {
      const e = await this.#update(id, (v) =>
        v.status === 'queued' ? { status: 'canceled', finishedAt: now, rateLimitedUntil: undefined } : undefined,
      )
      if (e) {
        await this.#j.dropWaiting(id)
        await this.#q[this.#lane(job)].remove(id).catch(() => 0)
        return e.job
      }
    }
    if (job.view.status === 'pending' && job.view.taskId) {
      await this.#o.upstream.cancelTask(job.view.taskId)
      // The holder's poll sees it and frees the slot.
      const e = await this.#update(id, (v) => (v.status === 'pending' ? { status: 'canceled', finishedAt: now } : undefined))
      if (e) return e.job
    }
    throw steps.notCancellable()
  }

  async retry(id: string, submitter: string): Promise<View> {
    const job = await this.#own(id, submitter)
    const patch = steps.retryPatch(job.view)
    const e = await this.#update(id, (v) => (v.rev === job.view.rev ? patch : undefined))
    if (!e) throw steps.refused('UnsupportedOperation', 'The job changed meanwhile; look again.')
    await this.#enqueue({ ...job, view: e.job })
    return e.job
  }

  async acknowledge(id: string, submitter: string): Promise<View> {
    await this.#own(id, submitter)
    return (await this.#update(id, () => ({ acknowledged: true })))!.job
  }

  async image(id: string, submitter: string, index: number) {
    await this.#own(id, submitter)
    return this.#j.result(id, index)
  }

  async subscribe(submitter: string, after: number | undefined, listener: QueueListener): Promise<() => void> {
    const live: Live = { listener, buffer: [] }
    const set = this.#listeners.get(submitter) ?? new Set()
    set.add(live)
    this.#listeners.set(submitter, set)
    const unsubscribe = () => {
      set.delete(live)
      if (set.size === 0) this.#listeners.delete(submitter)
    }
    try {
      const last = await this.#j.lastEventSeq()
      // A Last-Event-ID this Redis never issued (it was emptied): start from the state.
      const replay =
        after !== undefined && after <= last
          ? await this.#j.eventsAfter(submitter, after)
          : (await this.#j.unacknowledged(submitter)).map((j) => ({ seq: last, submitter, job: j.view }))
      for (const e of replay) listener.job(e)
      // What was heard meanwhile and is newer than the replay's read (a repeat is stale by its rev).
      const heard = live.buffer ?? []
      live.buffer = undefined
      for (const e of heard) if (e.seq > last) listener.job(e)
      listener.queue(await this.#queueView(submitter))
    } catch (error) {
      unsubscribe()
      throw error
    }
    return unsubscribe
  }

  #heard(message: string) {
    const parsed = JSON.parse(message) as { seq?: number; submitter?: string; job?: unknown }
    if (parsed.seq !== undefined && parsed.submitter) {
      const event = { seq: parsed.seq, submitter: parsed.submitter, job: ServerJob.parse(parsed.job) }
      for (const live of this.#listeners.get(event.submitter) ?? []) {
        if (live.buffer) live.buffer.push(event)
        else live.listener.job(event)
      }
    }
    this.#queueChanged()
  }

  /** Everyone's queue view (read from Redis), at most once per turn of the event loop. */
  #queueChanged() {
    if (this.#listeners.size > 0) this.#tellQueue()
  }

  readonly #tellQueue = steps.coalesced(() => {
    void (async () => {
      for (const [submitter, set] of this.#listeners) {
        const view = await this.#queueView(submitter)
        for (const live of set) if (!live.buffer) live.listener.queue(view)
      }
    })().catch((error: unknown) => this.#o.log(`queue: ${(error as Error).message}`))
  })

  async #queueView(submitter: string) {
    const { waiting, holding } = await this.#j.slots()
    const order = waiting.sort((a, b) => a.prio - b.prio || a.seq - b.seq).map((w) => ({ ...w, notBefore: 0 }))
    return queueViewFor(submitter, order, holding)
  }

  async #own(id: string, submitter: string): Promise<JournaledJob> {
    const job = await this.#j.get(id)
    if (!job || job.submitter !== submitter) throw steps.refused('NotFound', `There is no job ${id} of yours on this studio.`, 404)
    return job
  }

  #update(id: string, patch: (v: View) => steps.JobPatch | undefined, known?: JournaledJob) {
    return this.#j.update(id, patch, this.#o.now(), known)
  }

  /** A job sent as a task stays one; any other goes where shared/sync-route.ts sends it. */
  #lane(job: JournaledJob): Lane {
    return !job.view.taskId && isMultimodalRequest(sendAs(job.request)) ? 'sync' : 'tasks'
  }

  /** Hands a journaled job to the BullMQ queue that carries on from its status (an id already there is left alone). */
  async #enqueue(job: JournaledJob) {
    const status = job.view.status
    const add = (lane: Lane, priority: number) => this.#add(lane, job.view.id, priority)
    if (status === 'fetching') await add('fetch', 1)
    else if (status === 'queued') {
      const turn = await this.#j.waitingTurn(job.view.id)
      await add(this.#lane(job), turn?.prio ?? (await this.#j.turn(job, this.#lane(job) === 'sync')))
    }
    // A job that was with the vendor goes ahead of any queued one.
    else if (status === 'submitting' || status === 'pending' || status === 'running') await add(this.#lane(job), 1)
  }

  async #add(lane: Lane, id: string, priority: number) {
    await this.#q[lane].add('job', {}, { jobId: id, priority, removeOnComplete: true, removeOnFail: true })
  }

  /** Every job the journal says is being worked on has its BullMQ job (one lost between the two writes is added). */
  async #reconcile() {
    for (const id of await this.#j.active()) {
      const job = await this.#j.get(id)
      if (job) await this.#enqueue(job)
    }
  }

  /** A job in a slot: sent within the account's windows, then polled until its task ends. */
  async #slot(lane: Lane, bull: Job, token: string | undefined): Promise<void> {
    const id = bull.id!
    const job = await this.#j.get(id)
    if (!job) return
    const sync = lane === 'sync'
    const holder = { submitter: job.submitter, sync }
    const v = job.view
    try {
      if (v.status === 'queued') await this.#send(lane, bull, token, job)
      else if (v.status === 'submitting' || (sync && v.status === 'running'))
        await this.#update(id, (now) => (now.status === v.status ? steps.interruptedPatch(this.#o.now()) : undefined))
      else if ((v.status === 'pending' || v.status === 'running') && v.taskId && !sync) {
        await this.#j.hold(id, holder)
        await this.#poll(bull, token, job, v.taskId)
      } else if (v.status === 'fetching') await this.#enqueue(job)
    } finally {
      await this.#j.release(id)
    }
  }

  async #send(lane: Lane, bull: Job, token: string | undefined, job: JournaledJob) {
    const id = job.view.id
    const sync = lane === 'sync'
    const prio = bull.opts.priority ?? 1
    const windows = this.#windows.windows(job.request.model)
    const turn = { prio, holder: { submitter: job.submitter, sync } }
    let current: JournaledJob | undefined = job
    let sending: JobEvent | undefined
    while (!sending) {
      if (!current || current.view.status !== 'queued') return // cancelled meanwhile
      const patch = steps.sendingPatch(current.view, sync ? 'running' : 'submitting', this.#o.now())
      const admitted = await this.#j.admit(current, patch, turn, windows, this.#o.now())
      sending = admitted.event
      if (admitted.changed) current = await this.#j.get(id)
      else if (admitted.wait > 0 && admitted.accountWindow && !this.#closed)
        // The account's second (every job's): this job, the next in turn, keeps its slot and waits it out.
        await steps.sleep(admitted.wait, this.#stop.signal)
      else if (admitted.wait > 0) {
        // A model's minute: only this job waits (delayed, its turn kept), the others go.
        const until = this.#o.now() + admitted.wait
        if (admitted.wait >= 1000)
          await this.#update(id, (v) =>
            v.status === 'queued' && Math.abs((v.rateLimitedUntil ?? 0) - until) > 1000 ? { rateLimitedUntil: until } : undefined,
          )
        await bull.moveToDelayed(Date.now() + admitted.wait, token)
        throw new DelayedError()
      }
    }
    const request = sendAs(job.request)
    const sentAt = this.#o.now()
    let patch: steps.JobPatch
    try {
      if (isMultimodalRequest(request)) patch = steps.answeredPatch(await this.#o.upstream.generate(request))
      else patch = steps.createdPatch(await this.#o.upstream.createTask(request))
    } catch (error) {
      await this.#sendFailed(lane, bull, token, job, prio, error)
      return
    }
    const sent = sending.job.status
    const answered = await this.#update(id, (v) => (v.status === sent ? patch : undefined), { ...job, view: sending.job })
    if (!answered) return
    if (answered.job.status === 'fetching') await this.#enqueue({ ...job, view: answered.job })
    else if (answered.job.taskId) await this.#poll(bull, token, job, answered.job.taskId, { sentAt, answeredAt: this.#o.now() })
  }

  /** A send that failed: retryable ones wait their backoff (delayed, their turn kept), others fail the job. */
  async #sendFailed(lane: Lane, bull: Job, token: string | undefined, job: JournaledJob, prio: number, error: unknown) {
    const e = toQueueFailure(error)
    const id = job.view.id
    if (unanswered(e)) {
      await this.#update(id, () => steps.noAnswerPatch(this.#o.now()))
      return
    }
    const delay = steps.resendDelay(e, (await this.#j.get(id))?.view.attempts ?? 1)
    if (delay === undefined) {
      await this.#update(id, () => steps.failedPatch(e, this.#o.now()))
      return
    }
    this.#o.log(`queue: ${id} ${e.code}; sending again in ${Math.round(delay)} ms`)
    await this.#update(id, () => ({ status: 'queued' }))
    await this.#j.waitAgain(id, { submitter: job.submitter, seq: job.seq, prio, sync: lane === 'sync', model: job.request.model })
    await bull.moveToDelayed(Date.now() + delay, token)
    throw new DelayedError()
  }

  /** Polls the task on the learned schedule (watch-task.ts) and journals what it becomes. */
  async #poll(bull: Job, token: string | undefined, job: JournaledJob, taskId: string, created?: { sentAt: number; answeredAt: number }) {
    const id = job.view.id
    const request = job.request
    if (isMultimodalRequest(request)) return // a sync call has no task
    const open = (v: View | undefined) => !!v && !FINISHED_SERVER_STATUSES.includes(v.status)
    const outcome = await watchTask(this.#watcher, {
      request,
      taskId,
      created,
      wanted: async () => !this.#closed && open((await this.#j.get(id))?.view),
      onStatus: (status) => this.#update(id, (v) => (!open(v) || v.status === status ? undefined : { status })),
    })
    if (this.#closed) {
      // Stopping cleanly: another instance's worker takes the task over now.
      await bull.moveToWait(token)
      throw new WaitingError()
    }
    if (!outcome) return
    const patch = outcomePatch(outcome, this.#o.now())
    const e = await this.#update(id, (v) => (open(v) ? patch : undefined))
    // The slot is free at the vendor now; the bytes are fetched outside it.
    if (e?.job.status === 'fetching') await this.#add('fetch', id, 1)
  }

  async #fetch(id: string): Promise<void> {
    const job = await this.#j.get(id)
    if (!job || job.view.status !== 'fetching') return
    const results = await steps
      .fetchAll(this.#o.upstream, job.view.results, (index, mime, bytes) => this.#j.putResult(id, index, mime, bytes), this.#stop.signal)
      .catch(async (error: unknown) => {
        await this.#update(id, (v) => (v.status === 'fetching' ? steps.failedPatch(toQueueFailure(error), this.#o.now()) : undefined))
        return undefined
      })
    if (results)
      await this.#update(id, (v) => (v.status === 'fetching' ? { status: 'succeeded', finishedAt: this.#o.now(), results } : undefined))
  }

  async #purge() {
    const purged = await this.#j.purge(this.#o.now() - this.#o.retentionMs)
    if (purged) this.#o.log(`queue: ${purged} acknowledged jobs past the retention window dropped`)
  }
}
