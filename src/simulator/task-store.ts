/**
 * Async text-to-image tasks. A task's status is computed from its timestamps and the clock
 * (PENDING until startAt, RUNNING until endAt, then SUCCEEDED or FAILED), so a fake clock moves
 * tasks along without timers. Finished tasks are counted once, when first seen finished.
 */
import type { TaskStatus } from '../shared/schemas.ts'
import type { NormalizedRequest } from '../shared/validate.ts'

export interface TaskFailure {
  code: string
  message: string
}

export interface TaskRecord {
  id: string
  /** The API key that submitted it: tasks are visible to that key only. */
  key: string
  request: NormalizedRequest
  seed: number
  /** The rewritten prompt, when prompt_extend is on. */
  actualPrompt?: string
  submitAt: number
  startAt: number
  endAt: number
  resultTtlSeconds: number
  canceledAt?: number
  failure?: TaskFailure
  /** Drawn with a typo in its quoted text (the text-typo fault). */
  typo?: boolean
  /** Result image ids and their link expiry, once rendered. */
  images?: string[]
  expires?: number
  rendering?: Promise<void>
  stopTimer?: () => void
  counted?: boolean
}

export function statusAt(task: TaskRecord, now: number): TaskStatus {
  if (task.canceledAt !== undefined) return 'CANCELED'
  if (now < task.startAt) return 'PENDING'
  if (now < task.endAt) return 'RUNNING'
  return task.failure ? 'FAILED' : 'SUCCEEDED'
}

export interface TaskTotals {
  succeeded: number
  failed: number
  canceled: number
}

export class TaskStore {
  #tasks = new Map<string, TaskRecord>()
  readonly totals: TaskTotals = { succeeded: 0, failed: 0, canceled: 0 }

  add(task: TaskRecord): void {
    this.#tasks.set(task.id, task)
  }

  /** The task, if it exists and belongs to `key`. */
  get(id: string, key: string): TaskRecord | undefined {
    const task = this.#tasks.get(id)
    return task && task.key === key ? task : undefined
  }

  /** The key's tasks, newest first. */
  list(key: string): TaskRecord[] {
    return [...this.#tasks.values()].filter((t) => t.key === key).sort((a, b) => b.submitAt - a.submitAt)
  }

  /** Tasks not finished at `now` (PENDING or RUNNING), for one key or all. */
  unfinished(now: number, key?: string): number {
    let n = 0
    for (const t of this.#tasks.values()) {
      const status = statusAt(t, now)
      if ((key === undefined || t.key === key) && (status === 'PENDING' || status === 'RUNNING')) n++
    }
    return n
  }

  /** Counts a finished task into the totals, once. */
  settle(task: TaskRecord, now: number): void {
    if (task.counted) return
    const status = statusAt(task, now)
    if (status === 'CANCELED') this.totals.canceled++
    else if (status === 'FAILED') this.totals.failed++
    else if (status === 'SUCCEEDED') this.totals.succeeded++
    else return
    task.counted = true
  }

  /** Current PENDING and RUNNING counts; settles every finished task on the way. */
  census(now: number): { pending: number; running: number } {
    let pending = 0
    let running = 0
    for (const t of this.#tasks.values()) {
      const status = statusAt(t, now)
      if (status === 'PENDING') pending++
      else if (status === 'RUNNING') running++
      else this.settle(t, now)
    }
    return { pending, running }
  }

  /** Forgets tasks submitted more than `ttlMs` before `now` (they read as UNKNOWN). */
  purge(now: number, ttlMs: number): void {
    for (const [id, t] of this.#tasks) {
      if (now - t.submitAt < ttlMs) continue
      this.settle(t, now)
      t.stopTimer?.()
      this.#tasks.delete(id)
    }
  }

  /** A task counted as succeeded whose rendering then failed: move it to failed. */
  recount(task: TaskRecord): void {
    if (!task.counted) return
    this.totals.succeeded--
    this.totals.failed++
  }

  clear(): void {
    for (const t of this.#tasks.values()) t.stopTimer?.()
    this.#tasks.clear()
    Object.assign(this.totals, { succeeded: 0, failed: 0, canceled: 0 })
  }

  get size(): number {
    return this.#tasks.size
  }
}
