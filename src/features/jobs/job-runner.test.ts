// @vitest-environment node
import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openStudioDB } from '../../lib/db.ts'
import type { JobPatch, JobRecord, T2IJob } from '../../lib/records.ts'
import { StudioError } from '../../lib/studio-error.ts'
import type { TaskQueryResponse } from '../../shared/schemas.ts'
import { jobRepo, type JobRepo } from './api/job-repo.ts'
import { JobRunner, type RunnerDeps } from './job-runner.ts'

/** A scripted vendor: each task runs `runMs` after creation; `throttle` answers 429s first. */
function fakeVendor(opts: { runMs?: number; throttle?: number; fail?: boolean } = {}) {
  const tasks = new Map<string, { created: number; canceled: boolean }>()
  const createdAt: number[] = []
  let throttleLeft = opts.throttle ?? 0
  let active = 0
  let maxActive = 0
  const runMs = opts.runMs ?? 3000
  const status = (id: string) => {
    const t = tasks.get(id)
    if (!t) return 'UNKNOWN'
    if (t.canceled) return 'CANCELED'
    const age = Date.now() - t.created
    return age < 500 ? 'PENDING' : age < runMs ? 'RUNNING' : opts.fail ? 'FAILED' : 'SUCCEEDED'
  }
  const recount = () => {
    active = [...tasks.keys()].filter((id) => ['PENDING', 'RUNNING'].includes(status(id))).length
    maxActive = Math.max(maxActive, active)
  }
  const api: RunnerDeps['api'] = {
    createTask: vi.fn(async () => {
      recount()
      if (throttleLeft > 0) {
        throttleLeft--
        throw new StudioError({ code: 'Throttling', message: 'Requests rate limit exceeded', status: 429 })
      }
      const id = `task-${tasks.size + 1}`
      tasks.set(id, { created: Date.now(), canceled: false })
      createdAt.push(Date.now())
      recount()
      return { request_id: `r-${id}`, output: { task_id: id, task_status: 'PENDING' as const } }
    }),
    getTask: vi.fn(async (id: string): Promise<TaskQueryResponse> => {
      recount()
      const s = status(id)
      return {
        request_id: 'q',
        output: {
          task_id: id,
          task_status: s,
          ...(s === 'SUCCEEDED' ? { results: [{ orig_prompt: 'p', actual_prompt: 'p!', url: `https://x/${id}.png?Expires=1` }] } : {}),
          ...(s === 'FAILED' ? { code: 'DataInspectionFailed', message: 'Output data may contain inappropriate content.' } : {}),
        },
      }
    }),
    cancelTask: vi.fn(async (id: string) => {
      if (status(id) !== 'PENDING') throw new StudioError({ code: 'UnsupportedOperation', message: 'not pending', status: 400 })
      tasks.get(id)!.canceled = true
      return { request_id: 'c' }
    }),
    generate: vi.fn(),
  }
  return { api, createdAt, maxActive: () => maxActive }
}

let n = 0
function job(over: JobPatch & { request?: T2IJob['request'] } = {}): JobRecord {
  n++
  return {
    id: `job-${n}`,
    kind: 't2i',
    createdAt: Date.now() + n,
    updatedAt: Date.now(),
    status: 'queued',
    request: { model: 'qwen-image-plus', input: { prompt: `prompt ${n}` }, parameters: { size: '1328*1328', n: 1, seed: n } },
    region: 'singapore',
    attempts: 0,
    imageIds: [],
    inputIds: [],
    ...over,
  }
}

let repo: JobRepo
let kept: string[]

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  const name = `runner-${Math.random()}`
  const db = openStudioDB(name)
  repo = jobRepo(() => db)
  kept = []
})
afterEach(() => {
  vi.useRealTimers()
})

function runner(api: RunnerDeps['api']) {
  return new JobRunner({
    repo,
    api,
    keep: async (j, links) => {
      kept.push(...links.map((l) => l.url))
      await repo.update(j.id, () => ({ status: 'succeeded', imageIds: [`${j.id}-0`], pendingResults: undefined }))
    },
  })
}

/** Advances the fake clock in steps, letting IndexedDB (real setImmediate) settle between them. */
async function runFor(ms: number) {
  for (let t = 0; t < ms; t += 100) {
    await vi.advanceTimersByTimeAsync(100)
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r))
  }
}

describe('JobRunner', () => {
  it('writes each job before sending and keeps at most 2 tasks running and 2 submissions a second', async () => {
    const vendor = fakeVendor()
    const r = runner(vendor.api)
    const jobs = Array.from({ length: 5 }, () => job())
    for (const j of jobs) {
      await r.enqueue(j)
      expect(await repo.get(j.id)).toBeDefined()
    }
    await runFor(30_000)
    for (const j of jobs) expect((await repo.get(j.id))?.status).toBe('succeeded')
    expect(vendor.maxActive()).toBeLessThanOrEqual(2)
    expect(r.maxRunning).toBe(2)
    for (let i = 2; i < vendor.createdAt.length; i++) expect(vendor.createdAt[i]! - vendor.createdAt[i - 2]!).toBeGreaterThanOrEqual(1000)
    expect(kept).toHaveLength(5)
  })

  it('retries 429 Throttling with growing, jittered delays, then succeeds', async () => {
    const vendor = fakeVendor({ throttle: 3 })
    const r = runner(vendor.api)
    const j = job()
    await r.enqueue(j)
    await runFor(40_000)
    expect(vendor.api.createTask).toHaveBeenCalledTimes(4)
    const done = await repo.get(j.id)
    expect(done?.status).toBe('succeeded')
    expect(done?.attempts).toBe(4)
  })

  it('gives up on endless throttling with a clear error', async () => {
    const vendor = fakeVendor({ throttle: 100 })
    const r = runner(vendor.api)
    const j = job()
    await r.enqueue(j)
    await runFor(120_000)
    const failed = await repo.get(j.id)
    expect(failed?.status).toBe('failed')
    expect(failed?.error).toMatchObject({ code: 'Throttling', retryable: true })
    expect(vendor.api.createTask).toHaveBeenCalledTimes(6)
  })

  it('records a FAILED task with its code and message', async () => {
    const vendor = fakeVendor({ fail: true })
    const r = runner(vendor.api)
    const j = job()
    await r.enqueue(j)
    await runFor(10_000)
    expect(await repo.get(j.id)).toMatchObject({ status: 'failed', error: { code: 'DataInspectionFailed' } })
  })

  it('cancels a queued job locally and a PENDING one at the vendor; refuses a running one', async () => {
    const vendor = fakeVendor({ runMs: 20_000 })
    const r = runner(vendor.api)
    const [a, b, c] = [job(), job(), job()]
    await r.enqueue(a)
    await r.enqueue(b)
    await r.enqueue(c)
    await runFor(300)
    expect((await repo.get(a.id))?.status).toBe('pending')
    await r.cancel(a.id)
    expect(vendor.api.cancelTask).toHaveBeenCalledWith('task-1')
    expect((await repo.get(a.id))?.status).toBe('canceled')
    await runFor(1500)
    expect((await repo.get(b.id))?.status).toBe('running')
    await expect(r.cancel(b.id)).rejects.toThrow(/dismissed/)
    await r.dismiss(b.id)
    expect((await repo.get(b.id))?.status).toBe('dismissed')
    await runFor(25_000)
    expect((await repo.get(c.id))?.status).toBe('succeeded')
  })

  it('after a reload resumes polling jobs with a task id and marks sent-but-unknown ones interrupted', async () => {
    const vendor = fakeVendor()
    const first = runner(vendor.api)
    const polled = job()
    await first.enqueue(polled)
    await runFor(200)
    const taskId = (await repo.get(polled.id))?.taskId
    expect(taskId).toBe('task-1')
    const lost = job({ status: 'submitting' })
    await repo.put(lost)
    // a new page: a new runner over the same database
    const second = runner(vendor.api)
    await second.resume()
    await runFor(10_000)
    expect((await repo.get(polled.id))?.status).toBe('succeeded')
    const interrupted = await repo.get(lost.id)
    expect(interrupted).toMatchObject({ status: 'interrupted', error: { code: 'Interrupted' } })
    await second.retry(lost.id)
    await runFor(10_000)
    expect((await repo.get(lost.id))?.status).toBe('succeeded')
  })
})

describe('JobRunner: sync text to image and per-model limits', () => {
  it('sends a max model’s jobs on the sync endpoint, 2 a minute, with the wait written on the waiting job', async () => {
    const sentAt: number[] = []
    const api: RunnerDeps['api'] = {
      ...fakeVendor().api,
      generate: vi.fn(async () => {
        sentAt.push(Date.now())
        return {
          request_id: 'g',
          output: {
            choices: [
              { finish_reason: 'stop', message: { role: 'assistant' as const, content: [{ image: 'https://x/max.png?Expires=1' }] } },
            ],
          },
          usage: { width: 1664, height: 928, image_count: 1 },
        }
      }),
    }
    const r = new JobRunner({
      repo,
      api,
      minuteMs: () => 8000,
      keep: async (j) => {
        await repo.update(j.id, () => ({ status: 'succeeded', imageIds: [`${j.id}-0`], pendingResults: undefined }))
      },
    })
    const request = {
      model: 'qwen-image-max',
      input: { messages: [{ role: 'user', content: [{ text: 'max' }] }] },
      parameters: { size: '1664*928', seed: 1 },
    }
    const jobs = [job({ request }), job({ request }), job({ request })]
    for (const j of jobs) await r.enqueue(j)
    await runFor(1000)
    const waiting = (await Promise.all(jobs.map((j) => repo.get(j.id)))).filter((j) => j?.rateLimitedUntil !== undefined)
    expect(waiting).toHaveLength(1)
    expect(waiting[0]!.status).toBe('queued')
    await runFor(9000)
    for (const j of jobs) expect((await repo.get(j.id))?.status).toBe('succeeded')
    expect(api.createTask).not.toHaveBeenCalled()
    const offsets = sentAt.map((t) => t - sentAt[0]!)
    expect(offsets[2]!).toBeGreaterThanOrEqual(8000)
    expect((await repo.get(jobs[2]!.id))?.submittedAt).toBe(sentAt[2])
  })
})
