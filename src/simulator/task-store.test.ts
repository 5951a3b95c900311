// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { findModel } from '../shared/models.ts'
import type { NormalizedRequest } from '../shared/validate.ts'
import { statusAt, TaskStore, type TaskRecord } from './task-store.ts'

const request: NormalizedRequest = {
  endpoint: 'imageSynthesis',
  model: findModel('qwen-image-plus')!,
  mode: 't2i',
  prompt: 'a cat',
  negativePrompt: '',
  size: '1328*1328',
  n: 1,
  promptExtend: false,
  watermark: false,
  seed: 1,
  images: [],
}

const task = (id: string, key: string, submitAt: number, extra: Partial<TaskRecord> = {}): TaskRecord => ({
  id,
  key,
  request,
  seed: 1,
  submitAt,
  startAt: submitAt + 100,
  endAt: submitAt + 300,
  resultTtlSeconds: 60,
  ...extra,
})

describe('task status from timestamps', () => {
  it('is PENDING, RUNNING, then SUCCEEDED or FAILED; CANCELED wins', () => {
    const t = task('a', 'k', 0)
    expect([0, 99, 100, 299, 300].map((now) => statusAt(t, now))).toEqual(['PENDING', 'PENDING', 'RUNNING', 'RUNNING', 'SUCCEEDED'])
    expect(statusAt({ ...t, failure: { code: 'X', message: 'y' } }, 300)).toBe('FAILED')
    expect(statusAt({ ...t, canceledAt: 50 }, 1000)).toBe('CANCELED')
  })
})

describe('TaskStore', () => {
  it('shows a task to its key only and lists newest first', () => {
    const store = new TaskStore()
    store.add(task('a', 'k1', 0))
    store.add(task('b', 'k1', 10))
    store.add(task('c', 'k2', 5))
    expect(store.get('a', 'k1')?.id).toBe('a')
    expect(store.get('a', 'k2')).toBeUndefined()
    expect(store.list('k1').map((t) => t.id)).toEqual(['b', 'a'])
  })

  it('counts unfinished tasks per key and in all', () => {
    const store = new TaskStore()
    store.add(task('a', 'k1', 0))
    store.add(task('b', 'k1', 0, { canceledAt: 1 }))
    store.add(task('c', 'k2', 200))
    expect(store.unfinished(150, 'k1')).toBe(1)
    expect(store.unfinished(250)).toBe(2)
    expect(store.unfinished(1000)).toBe(0)
  })

  it('counts each finished task once in the totals, and a failed render moves it to failed', () => {
    const store = new TaskStore()
    const ok = task('a', 'k', 0)
    store.add(ok)
    store.add(task('b', 'k', 0, { failure: { code: 'X', message: 'y' } }))
    store.add(task('c', 'k', 0, { canceledAt: 10 }))
    store.add(task('d', 'k', 1000))
    expect(store.census(500)).toEqual({ pending: 1, running: 0 })
    store.census(500)
    expect(store.totals).toEqual({ succeeded: 1, failed: 1, canceled: 1 })
    store.recount(ok)
    expect(store.totals).toEqual({ succeeded: 0, failed: 2, canceled: 1 })
  })

  it('purges tasks older than the TTL (they read as unknown), settling them first', () => {
    const store = new TaskStore()
    let stopped = 0
    store.add(task('a', 'k', 0, { stopTimer: () => stopped++ }))
    store.add(task('b', 'k', 5000))
    store.purge(6000, 6000)
    expect(store.get('a', 'k')).toBeUndefined()
    expect(store.get('b', 'k')).toBeDefined()
    expect(stopped).toBe(1)
    expect(store.totals.succeeded).toBe(1)
    store.clear()
    expect(store.size).toBe(0)
    expect(store.totals).toEqual({ succeeded: 0, failed: 0, canceled: 0 })
  })
})
