/**
 * The embedded queue's journal: every job, its state, its result bytes and the events its
 * submitter is told, in one SQLite file under the data folder. A job is written before anything
 * is sent for it; every change of state is one transaction that also appends the event, so an
 * event stream resumed from Last-Event-ID misses nothing and a restart finds every job.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { ServerJob, type JobSubmission } from '../../shared/studio-jobs.ts'

export interface JournaledJob {
  view: ServerJob
  submitter: string
  /** Arrival order: the oldest job of a submitter goes first. */
  seq: number
  kind: JobSubmission['kind']
  request: JobSubmission['request']
  createdAt: number
  ackedAt?: number
}

export interface JobEvent {
  seq: number
  submitter: string
  job: ServerJob
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  submitter TEXT NOT NULL,
  name TEXT,
  kind TEXT NOT NULL,
  request TEXT NOT NULL,
  status TEXT NOT NULL,
  view TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  acked_at INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (status);
CREATE INDEX IF NOT EXISTS jobs_by_submitter ON jobs (submitter, seq);
CREATE INDEX IF NOT EXISTS jobs_by_seq ON jobs (seq);
CREATE TABLE IF NOT EXISTS results (
  job_id TEXT NOT NULL,
  idx INTEGER NOT NULL,
  mime TEXT NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (job_id, idx)
);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id TEXT NOT NULL,
  submitter TEXT NOT NULL,
  body TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_submitter ON events (submitter, seq);
`

interface JobRow {
  id: string
  seq: number
  submitter: string
  kind: string
  request: string
  view: string
  created_at: number
  acked_at: number | null
}

const toJob = (row: JobRow): JournaledJob => ({
  view: ServerJob.parse(JSON.parse(row.view)),
  submitter: row.submitter,
  seq: row.seq,
  kind: row.kind as JournaledJob['kind'],
  request: JSON.parse(row.request) as JournaledJob['request'],
  createdAt: row.created_at,
  ackedAt: row.acked_at ?? undefined,
})

export class JobJournal {
  readonly #db: Database.Database
  /** Each statement compiled once (compiling costs more than running most of them). */
  readonly #statements = new Map<string, Database.Statement>()

  /** `dir`: the data folder (created if missing); ':memory:' for a journal that lives in memory. */
  constructor(dir: string) {
    if (dir === ':memory:') this.#db = new Database(':memory:')
    else {
      mkdirSync(dir, { recursive: true })
      this.#db = new Database(path.join(dir, 'jobs.sqlite'))
    }
    this.#db.pragma('journal_mode = WAL')
    // In WAL mode, NORMAL: every commit survives the studio process being killed (it is in the
    // OS's hands before the answer or the upstream request); only a power loss can take the last
    // moments' commits. FULL would add an fsync (milliseconds) to every change of state.
    this.#db.pragma('synchronous = NORMAL')
    this.#db.exec(SCHEMA)
  }

  #sql(sql: string): Database.Statement {
    let statement = this.#statements.get(sql)
    if (!statement) this.#statements.set(sql, (statement = this.#db.prepare(sql)))
    return statement
  }

  /**
   * Runs `work` as one transaction (one commit for every change it makes). Only for synchronous
   * work: the commit is written before anything `work` started can reach the network.
   */
  atomically<T>(work: () => T): T {
    return this.#db.transaction(work)()
  }

  /** Writes a new job (queued) and its first event; an id already journaled is left as it is. */
  insert(sub: JobSubmission, now: number): { job: JournaledJob; event?: JobEvent } {
    const existing = this.get(sub.id)
    if (existing) return { job: existing }
    const view: ServerJob = { id: sub.id, rev: 1, status: 'queued', attempts: 0, results: [], acknowledged: false }
    let seq = 0
    let order = 0
    const tx = this.#db.transaction(() => {
      order = (this.#sql('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM jobs').get() as { n: number }).n
      this.#sql(
        'INSERT INTO jobs (id, seq, submitter, name, kind, request, status, view, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        sub.id,
        order,
        sub.submitter,
        sub.name ?? null,
        sub.kind,
        JSON.stringify(sub.request),
        view.status,
        JSON.stringify(view),
        now,
        now,
      )
      seq = this.#appendEvent(sub.id, sub.submitter, view, now)
    })
    tx()
    const job: JournaledJob = { view, submitter: sub.submitter, seq: order, kind: sub.kind, request: sub.request, createdAt: now }
    return { job, event: { seq, submitter: sub.submitter, job: view } }
  }

  get(id: string): JournaledJob | undefined {
    const row = this.#sql('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined
    return row && toJob(row)
  }

  /** Changes a job's state and appends the event in one transaction; returns the new view. */
  update(id: string, patch: (view: ServerJob) => Partial<ServerJob>, now: number): JobEvent | undefined {
    let event: JobEvent | undefined
    const tx = this.#db.transaction(() => {
      const job = this.get(id)
      if (!job) return
      const next = ServerJob.parse({ ...job.view, ...patch(job.view), rev: job.view.rev + 1 })
      this.#sql('UPDATE jobs SET status = ?, view = ?, updated_at = ?, acked_at = CASE WHEN ? THEN acked_at END WHERE id = ?').run(
        next.status,
        JSON.stringify(next),
        now,
        next.acknowledged ? 1 : 0,
        id,
      )
      event = { seq: this.#appendEvent(id, job.submitter, next, now), submitter: job.submitter, job: next }
    })
    tx()
    return event
  }

  /** Stores one result's bytes. */
  putResult(id: string, index: number, mime: string, bytes: Uint8Array) {
    this.#sql('INSERT OR REPLACE INTO results (job_id, idx, mime, bytes) VALUES (?, ?, ?, ?)').run(id, index, mime, bytes)
  }

  result(id: string, index: number): { mime: string; bytes: Buffer } | undefined {
    return this.#sql('SELECT mime, bytes FROM results WHERE job_id = ? AND idx = ?').get(id, index) as
      { mime: string; bytes: Buffer } | undefined
  }

  /** The browser kept the results: the bytes are dropped when the retention window has passed. */
  acknowledge(id: string, now: number): JobEvent | undefined {
    let event: JobEvent | undefined
    const tx = this.#db.transaction(() => {
      event = this.update(id, () => ({ acknowledged: true }), now)
      if (event) this.#sql('UPDATE jobs SET acked_at = COALESCE(acked_at, ?) WHERE id = ?').run(now, id)
    })
    tx()
    return event
  }

  /** Jobs in these statuses, in arrival order. */
  withStatus(statuses: readonly string[]): JournaledJob[] {
    const marks = statuses.map(() => '?').join(', ')
    return (this.#sql(`SELECT * FROM jobs WHERE status IN (${marks}) ORDER BY seq`).all(...statuses) as JobRow[]).map(toJob)
  }

  /** What a submitter has not acknowledged yet (active, or finished and held), oldest first. */
  unacknowledged(submitter: string): JournaledJob[] {
    return (this.#sql('SELECT * FROM jobs WHERE submitter = ? AND acked_at IS NULL ORDER BY seq').all(submitter) as JobRow[]).map(toJob)
  }

  /** A submitter's events after `seq`, oldest first (only acknowledged jobs' events are ever purged). */
  eventsAfter(submitter: string, seq: number): JobEvent[] {
    const rows = this.#sql('SELECT seq, body FROM events WHERE submitter = ? AND seq > ? ORDER BY seq').all(submitter, seq) as {
      seq: number
      body: string
    }[]
    return rows.map((r) => ({ seq: r.seq, submitter, job: ServerJob.parse(JSON.parse(r.body)) }))
  }

  lastEventSeq(): number {
    return (this.#sql('SELECT COALESCE(MAX(seq), 0) AS s FROM events').get() as { s: number }).s
  }

  /** Drops jobs acknowledged before `ackedBefore`, with their bytes and events. */
  purge(ackedBefore: number): number {
    let purged = 0
    const tx = this.#db.transaction(() => {
      const ids = (this.#sql('SELECT id FROM jobs WHERE acked_at IS NOT NULL AND acked_at < ?').all(ackedBefore) as { id: string }[]).map(
        (r) => r.id,
      )
      for (const id of ids) {
        this.#sql('DELETE FROM results WHERE job_id = ?').run(id)
        this.#sql('DELETE FROM events WHERE job_id = ?').run(id)
        this.#sql('DELETE FROM jobs WHERE id = ?').run(id)
      }
      purged = ids.length
    })
    tx()
    return purged
  }

  close() {
    this.#db.close()
  }

  #appendEvent(jobId: string, submitter: string, view: ServerJob, now: number): number {
    const info = this.#sql('INSERT INTO events (job_id, submitter, body, at) VALUES (?, ?, ?, ?)').run(
      jobId,
      submitter,
      JSON.stringify(view),
      now,
    )
    return Number(info.lastInsertRowid)
  }
}
