/**
 * Redis mode's journal, shared by every studio instance on one Redis: each job (its request, its
 * view), its result bytes, the event numbers its submitter resumes from, the account's submission
 * windows and the fair-share turns. Every change of a job is one script (compare its rev, write,
 * number the event, publish it), so instances never overwrite each other's changes and an event
 * stream resumed on any instance misses nothing.
 *
 * Keys, below the prefix: job:<id> (hash), res:<id>:<index> (hash: mime, bytes), ev:<submitter>
 * (zset: job id by its latest event's number; a resumed stream gets each changed job's latest
 * view), unacked:<submitter> and active (zsets by arrival), acked (zset by time), waiting and
 * holding (hashes: the queue view's input), win:<window> (zsets of submission times), vt and
 * turn (hash) for round robin. One Redis, not a cluster: the scripts touch keys of many jobs.
 */
import { Redis } from 'ioredis'
import { ServerJob, type JobSubmission } from '../../shared/studio-jobs.ts'
import { ACTIVE, type JobPatch } from './job-steps.ts'
import type { JobEvent, JournaledJob } from './journal.ts'

/** BullMQ's highest priority number; past it, turns fall back to arrival order. */
const MAX_PRIORITY = 2 ** 21 - 1

const EVENT_JSON = `'{"seq":' .. seq .. ',"submitter":' .. cjson.encode(ARGV[2]) .. ',"job":' .. ARGV[3] .. '}'`

/**
 * Round robin as priorities (start-time fair queuing): a submitter's next job takes the turn after
 * their previous one, but never one before the turn being served now, so someone who was idle
 * goes next instead of waiting behind a long batch; equal turns go in arrival order.
 * KEYS: vt, turn, waiting. ARGV: submitter, id, order, sync, model, max.
 */
const TURN = `
local function turn(keys, submitter, id, order, sync, model, max)
  local vt = tonumber(redis.call('GET', keys[1]) or '0')
  local last = tonumber(redis.call('HGET', keys[2], submitter) or '0')
  local p = math.min(math.max(last + 1, vt, 1), tonumber(max))
  redis.call('HSET', keys[2], submitter, p)
  redis.call('HSET', keys[3], id, cjson.encode({submitter = submitter, seq = tonumber(order), prio = p, sync = sync == '1', model = model}))
  return p
end`

/**
 * A new job, its first event and its turn (one round trip on the way in), or 0: the id is taken.
 * KEYS: job, jobseq, evseq, ev, unacked, active, vt, turn, waiting.
 * ARGV: id, submitter, view, kind, request, now, channel, sync, model, max.
 */
const INSERT = `${TURN}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local order = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'submitter', ARGV[2], 'seq', order, 'kind', ARGV[4], 'request', ARGV[5], 'view', ARGV[3], 'rev', 1, 'createdAt', ARGV[6])
local seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[4], seq, ARGV[1])
redis.call('ZADD', KEYS[5], order, ARGV[1])
redis.call('ZADD', KEYS[6], order, ARGV[1])
redis.call('PUBLISH', ARGV[7], ${EVENT_JSON})
return {seq, order, turn({KEYS[7], KEYS[8], KEYS[9]}, ARGV[2], ARGV[1], order, ARGV[8], ARGV[9], ARGV[10])}`

/**
 * A change of a job: its view written if its rev is still the one read, the event numbered and
 * published; 0: no such job; -1: changed meanwhile (read it again).
 * K: job, evseq, ev, unacked, active, acked. A: id, submitter, view, rev read, now, active?, acknowledged?, channel.
 */
const CHANGE = `
local function change(K, A)
  local rev = redis.call('HGET', K[1], 'rev')
  if not rev then return 0 end
  if rev ~= A[4] then return -1 end
  redis.call('HSET', K[1], 'view', A[3], 'rev', tonumber(rev) + 1)
  local seq = redis.call('INCR', K[2])
  redis.call('ZADD', K[3], seq, A[1])
  local order = redis.call('HGET', K[1], 'seq')
  if A[6] == '1' then redis.call('ZADD', K[5], order, A[1]) else redis.call('ZREM', K[5], A[1]) end
  if A[7] == '1' then
    if redis.call('HSETNX', K[1], 'ackedAt', A[5]) == 1 then redis.call('ZADD', K[6], A[5], A[1]) end
    redis.call('ZREM', K[4], A[1])
  else
    redis.call('HDEL', K[1], 'ackedAt')
    redis.call('ZREM', K[6], A[1])
    redis.call('ZADD', K[4], order, A[1])
  end
  redis.call('PUBLISH', A[8], '{"seq":' .. seq .. ',"submitter":' .. cjson.encode(A[2]) .. ',"job":' .. A[3] .. '}')
  return seq
end`

const UPDATE = `${CHANGE}
return change(KEYS, ARGV)`

/** A job's turn again (a job queued again by a retry). KEYS: vt, turn, waiting. ARGV: submitter, id, order, sync, model, max. */
const NEXT_TURN = `${TURN}
return turn(KEYS, ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])`

/**
 * The account's submission windows (shared/submit-windows.ts gives each window's count and
 * length) and the job marked as sent, in one step: the submission recorded, the job moved from
 * waiting to holding and its change made (its event's number returned); or how long until it may
 * leave, and which window holds it (1: the account's, 2..: the model's); or -1: the job changed.
 * KEYS: the change's 6, vt, waiting, holding, win... ARGV: the change's 8, prio, holder json, count1, window1, ...
 */
const ADMIT = `${CHANGE}
if redis.call('HGET', KEYS[1], 'rev') ~= ARGV[4] then return {-1, 0, 0} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait, which = 0, 0
for i = 10, #KEYS do
  local count, window = tonumber(ARGV[2 * i - 9]), tonumber(ARGV[2 * i - 8])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  local n = redis.call('ZCARD', KEYS[i])
  if n >= count then
    local at = tonumber(redis.call('ZRANGE', KEYS[i], n - count, n - count, 'WITHSCORES')[2])
    if at + window - now > wait then wait, which = at + window - now, i - 9 end
  end
end
if wait > 0 then return {wait, which, 0} end
for i = 10, #KEYS do
  redis.call('ZADD', KEYS[i], now, ARGV[1] .. ':' .. now)
  redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 * i - 8]))
end
if tonumber(redis.call('GET', KEYS[7]) or '0') < tonumber(ARGV[9]) then redis.call('SET', KEYS[7], ARGV[9]) end
redis.call('HDEL', KEYS[8], ARGV[1])
redis.call('HSET', KEYS[9], ARGV[1], ARGV[10])
return {0, 0, change({KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]}, ARGV)}`

type Scripted = Redis & {
  qisInsert(...args: (string | number)[]): Promise<0 | [number, number, number]>
  qisUpdate(...args: (string | number)[]): Promise<number>
  qisTurn(...args: (string | number)[]): Promise<number>
  qisAdmit(...args: (string | number)[]): Promise<[number, number, number]>
}

export interface Turn {
  submitter: string
  seq: number
  prio: number
  sync: boolean
  model: string
}

export class RedisJournal {
  readonly #r: Scripted
  readonly #p: string
  /** The channel every instance hears every job event on. */
  readonly channel: string

  constructor(url: string, prefix: string) {
    this.#r = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 }) as Scripted
    this.#r.defineCommand('qisInsert', { numberOfKeys: 9, lua: INSERT })
    this.#r.defineCommand('qisUpdate', { numberOfKeys: 6, lua: UPDATE })
    this.#r.defineCommand('qisTurn', { numberOfKeys: 3, lua: NEXT_TURN })
    this.#r.defineCommand('qisAdmit', { lua: ADMIT })
    this.#p = prefix
    this.channel = `${prefix}:events`
  }

  /** A connection of its own for the event channel. */
  subscriber(): Redis {
    return this.#r.duplicate()
  }

  #k = (...parts: (string | number)[]) => [this.#p, ...parts].join(':')

  /** Writes a new job (queued), its first event and its turn; an id already journaled is left as it is. */
  async insert(sub: JobSubmission, sync: boolean, now: number): Promise<{ job: JournaledJob; event?: JobEvent; turn?: number }> {
    const view: ServerJob = { id: sub.id, rev: 1, status: 'queued', attempts: 0, results: [], acknowledged: false }
    const inserted = await this.#r.qisInsert(
      this.#k('job', sub.id),
      this.#k('jobseq'),
      this.#k('evseq'),
      this.#k('ev', sub.submitter),
      this.#k('unacked', sub.submitter),
      this.#k('active'),
      this.#k('vt'),
      this.#k('turn'),
      this.#k('waiting'),
      sub.id,
      sub.submitter,
      JSON.stringify(view),
      sub.kind,
      JSON.stringify(sub.request),
      now,
      this.channel,
      sync ? '1' : '0',
      sub.request.model,
      MAX_PRIORITY,
    )
    if (!inserted) return { job: (await this.get(sub.id))! }
    const [seq, order, turn] = inserted
    const job: JournaledJob = { view, submitter: sub.submitter, seq: order, kind: sub.kind, request: sub.request, createdAt: now }
    return { job, event: { seq, submitter: sub.submitter, job: view }, turn }
  }

  async get(id: string): Promise<JournaledJob | undefined> {
    const [submitter, seq, kind, request, view, createdAt, ackedAt] = await this.#r.hmget(
      this.#k('job', id),
      'submitter',
      'seq',
      'kind',
      'request',
      'view',
      'createdAt',
      'ackedAt',
    )
    if (!submitter || !view || !request) return undefined
    return {
      view: ServerJob.parse(JSON.parse(view)),
      submitter,
      seq: Number(seq),
      kind: kind as JournaledJob['kind'],
      request: JSON.parse(request) as JournaledJob['request'],
      createdAt: Number(createdAt),
      ackedAt: ackedAt ? Number(ackedAt) : undefined,
    }
  }

  /**
   * Changes a job's view unless `patch` says no (undefined); retried when another change came first.
   * `known`: the job as last read, tried first (one round trip when nothing changed meanwhile).
   */
  async update(
    id: string,
    patch: (view: ServerJob) => JobPatch | undefined,
    now: number,
    known?: JournaledJob,
  ): Promise<JobEvent | undefined> {
    for (let read = known; ; read = undefined) {
      const job = read ?? (await this.get(id))
      const change = job && patch(job.view)
      if (!job || !change) return undefined
      const next = ServerJob.parse({ ...job.view, ...change, rev: job.view.rev + 1 })
      const seq = await this.#r.qisUpdate(...this.#change(job, next, now))
      if (seq === 0) return undefined
      if (seq > 0) return { seq, submitter: job.submitter, job: next }
    }
  }

  /** The keys and arguments of CHANGE: `job` (as read) becomes `next`. */
  #change(job: JournaledJob, next: ServerJob, now: number): (string | number)[] {
    const id = job.view.id
    return [
      this.#k('job', id),
      this.#k('evseq'),
      this.#k('ev', job.submitter),
      this.#k('unacked', job.submitter),
      this.#k('active'),
      this.#k('acked'),
      id,
      job.submitter,
      JSON.stringify(next),
      String(job.view.rev),
      now,
      (ACTIVE as readonly string[]).includes(next.status) ? '1' : '0',
      next.acknowledged ? '1' : '0',
      this.channel,
    ]
  }

  /** The job's next turn in the round robin (its BullMQ priority), noted in the waiting set. */
  turn(job: JournaledJob, sync: boolean): Promise<number> {
    return this.#r.qisTurn(
      this.#k('vt'),
      this.#k('turn'),
      this.#k('waiting'),
      job.submitter,
      job.view.id,
      job.seq,
      sync ? '1' : '0',
      job.request.model,
      MAX_PRIORITY,
    )
  }

  /** Back in the waiting set with the turn it had (a resend after backoff, a wait for a model's window). */
  async waitAgain(id: string, turn: Turn) {
    await this.#r.hset(this.#k('waiting'), id, JSON.stringify(turn))
  }

  /**
   * Sends `job` (as read) if the account's windows let it go now: the submission recorded and the
   * job changed by `patch` (marked as sent) at once. Else how long until it may, and whether the
   * account's window (not the model's) holds it; `changed`: the job is no longer as read.
   */
  async admit(
    job: JournaledJob,
    patch: JobPatch,
    turn: { prio: number; holder: { submitter: string; sync: boolean } },
    windows: [string, number, number][],
    now: number,
  ): Promise<{ wait: number; accountWindow: boolean; changed: boolean; event?: JobEvent }> {
    const next = ServerJob.parse({ ...job.view, ...patch, rev: job.view.rev + 1 })
    const change = this.#change(job, next, now)
    const [wait, which, seq] = await this.#r.qisAdmit(
      9 + windows.length,
      ...change.slice(0, 6),
      this.#k('vt'),
      this.#k('waiting'),
      this.#k('holding'),
      ...windows.map(([key]) => this.#k('win', key)),
      ...change.slice(6),
      turn.prio,
      JSON.stringify(turn.holder),
      ...windows.flatMap(([, count, ms]) => [count, ms]),
    )
    if (wait === -1 || (wait === 0 && seq <= 0)) return { wait: 0, accountWindow: false, changed: true }
    return { wait, accountWindow: which === 1, changed: false, event: seq > 0 ? { seq, submitter: job.submitter, job: next } : undefined }
  }

  async hold(id: string, holder: { submitter: string; sync: boolean }) {
    await this.#r.hset(this.#k('holding'), id, JSON.stringify(holder))
  }

  /** The slot is free: every instance's queue view is told. */
  async release(id: string) {
    if (await this.#r.hdel(this.#k('holding'), id)) await this.#r.publish(this.channel, '{}')
  }

  async dropWaiting(id: string) {
    await this.#r.hdel(this.#k('waiting'), id)
  }

  /** The queue view's input: who waits (with their turns) and who holds a slot. */
  async slots(): Promise<{ waiting: (Turn & { id: string })[]; holding: { submitter: string; sync: boolean }[] }> {
    const [waiting, holding] = await Promise.all([this.#r.hgetall(this.#k('waiting')), this.#r.hgetall(this.#k('holding'))])
    return {
      waiting: Object.entries(waiting).map(([id, json]) => ({ id, ...(JSON.parse(json) as Turn) })),
      holding: Object.values(holding).map((json) => JSON.parse(json) as { submitter: string; sync: boolean }),
    }
  }

  async waitingTurn(id: string): Promise<Turn | undefined> {
    const json = await this.#r.hget(this.#k('waiting'), id)
    return json ? (JSON.parse(json) as Turn) : undefined
  }

  async putResult(id: string, index: number, mime: string, bytes: Uint8Array) {
    await this.#r.hset(this.#k('res', id, index), 'mime', mime, 'bytes', Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  }

  async result(id: string, index: number): Promise<{ mime: string; bytes: Buffer } | undefined> {
    const [mime, bytes] = await this.#r.hmgetBuffer(this.#k('res', id, index), 'mime', 'bytes')
    return mime && bytes ? { mime: mime.toString(), bytes } : undefined
  }

  /** Ids of the jobs still being worked on, in arrival order. */
  active(): Promise<string[]> {
    return this.#r.zrange(this.#k('active'), 0, -1)
  }

  /** What a submitter has not acknowledged yet (active, or finished and held), oldest first. */
  async unacknowledged(submitter: string): Promise<JournaledJob[]> {
    const ids = await this.#r.zrange(this.#k('unacked', submitter), 0, -1)
    return (await Promise.all(ids.map((id) => this.get(id)))).filter((j) => j !== undefined)
  }

  /** Each of a submitter's jobs changed after event `seq`, as its latest view, in event order. */
  async eventsAfter(submitter: string, seq: number): Promise<JobEvent[]> {
    const flat = await this.#r.zrangebyscore(this.#k('ev', submitter), `(${seq}`, '+inf', 'WITHSCORES')
    const out: JobEvent[] = []
    for (let i = 0; i < flat.length; i += 2) {
      const job = await this.get(flat[i]!)
      if (job) out.push({ seq: Number(flat[i + 1]), submitter, job: job.view })
    }
    return out
  }

  async lastEventSeq(): Promise<number> {
    return Number((await this.#r.get(this.#k('evseq'))) ?? 0)
  }

  /** Drops jobs acknowledged before `ackedBefore`, with their bytes and events. */
  async purge(ackedBefore: number): Promise<number> {
    const ids = await this.#r.zrangebyscore(this.#k('acked'), '-inf', `(${ackedBefore}`)
    for (const id of ids) {
      const job = await this.get(id)
      const m = this.#r.multi()
      if (job) {
        for (const r of job.view.results) m.del(this.#k('res', id, r.index))
        m.zrem(this.#k('ev', job.submitter), id)
      }
      m.del(this.#k('job', id))
      m.zrem(this.#k('acked'), id)
      await m.exec()
    }
    return ids.length
  }

  async close() {
    await this.#r.quit()
  }
}
