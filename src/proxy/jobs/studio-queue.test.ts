// @vitest-environment node
/**
 * The account's queue in the real studio server (HTTP on a loopback port, SQLite journal in a
 * temporary folder) over a real simulator: hand-over, idempotency, refusals before anything is
 * journaled, cancel, events resumed from Last-Event-ID, restart recovery, retention.
 */
import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { JOB_ROUTES, ServerJob, type JobSubmission } from '../../shared/studio-jobs.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY, type Simulator } from '../../simulator/create-simulator.ts'
import { loopbackSimulator } from '../../testing/loopback-simulator.ts'
import { startStudio, type RunningStudio, type StartOptions } from '../main.ts'
import { JobJournal } from './journal.ts'
import { temporaryFolder } from '../../testing/temporary-folder.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const SUBMITTER = 'submitter-test-0001'
const OTHER = 'submitter-test-0002'

function dataDir(): string {
  const dir = temporaryFolder('qis-queue-')
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A standalone simulator on a loopback port: it outlives the studios started on it. */
async function upstream(opts: Parameters<typeof createSimulator>[0] = {}): Promise<{ sim: Simulator; base: string }> {
  return loopbackSimulator({ queueMs: 50, runMs: 200, ...opts }, cleanups)
}

async function studio(
  base: string,
  dir: string,
  extra: NodeJS.ProcessEnv = {},
  timeouts?: StartOptions['timeouts'],
): Promise<RunningStudio> {
  const s = await startStudio(
    { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: SIMULATOR_DEFAULT_KEY, DASHSCOPE_BASE_URL: base, STUDIO_DATA_DIR: dir, ...extra },
    { log: () => {}, distDir: dir, timeouts },
  )
  cleanups.push(() => s.close())
  return s
}

/** With the prompt rewritten (an async task, for its actual_prompt) unless `extend` is false (a sync call). */
const t2i = (id: string, submitter = SUBMITTER, prompt = 'A lighthouse', extend = true): JobSubmission => ({
  id,
  submitter,
  kind: 't2i',
  request: { model: 'qwen-image-plus', input: { prompt }, parameters: { size: '1328*1328', n: 1, prompt_extend: extend } },
})

async function submit(url: string, job: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}${JOB_ROUTES.submit}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof job === 'string' ? job : JSON.stringify(job),
  })
}

interface SseEvent {
  event: string
  id?: string
  data: string
}

/** Reads a submitter's event stream until `done` says so (or the time is up). */
async function readEvents(url: string, submitter: string, done: (events: SseEvent[]) => boolean, lastEventId?: string, ms = 10_000) {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), ms)
  const res = await fetch(`${url}${JOB_ROUTES.events}?submitter=${submitter}`, {
    headers: lastEventId ? { 'last-event-id': lastEventId } : {},
    signal: abort.signal,
  })
  const events: SseEvent[] = []
  let buffer = ''
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  try {
    for (;;) {
      const { value, done: ended } = await reader.read()
      if (ended) break
      buffer += decoder.decode(value, { stream: true })
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const field = (name: string) =>
          block
            .split('\n')
            .filter((l) => l.startsWith(`${name}:`))
            .map((l) => l.slice(name.length + 1).trim())
        if (field('data').length) events.push({ event: field('event')[0] ?? 'message', id: field('id')[0], data: field('data').join('\n') })
      }
      if (done(events)) break
    }
  } catch {
    // timed out: the caller's expectations say what was missing
  } finally {
    clearTimeout(timer)
    abort.abort()
  }
  return events
}

const jobEvents = (events: SseEvent[]) =>
  events.filter((e) => e.event === 'job').map((e) => ({ id: e.id, job: ServerJob.parse(JSON.parse(e.data)) }))
const finished = (events: SseEvent[], n: number) => jobEvents(events).filter((e) => e.job.status === 'succeeded').length >= n

describe('the studio server’s job queue', () => {
  it('journals a job, runs it, holds its bytes until acknowledged; the client job id is the idempotency key', async () => {
    const { sim, base } = await upstream()
    const s = await studio(base, dataDir())
    const first = await submit(s.url, t2i('job-idem-0001'))
    expect(first.status).toBe(202)
    expect((await submit(s.url, t2i('job-idem-0001'))).status).toBe(202)
    const events = await readEvents(s.url, SUBMITTER, (e) => finished(e, 1))
    const done = jobEvents(events).find((e) => e.job.status === 'succeeded')!.job
    expect(done.results).toHaveLength(1)
    // sent again after it finished: still the same job, nothing sent
    expect(ServerJob.parse(await (await submit(s.url, t2i('job-idem-0001'))).json()).status).toBe('succeeded')
    expect(sim.stats().submissions).toBe(1)
    // the same id from another browser is refused, its state not told
    const taken = await submit(s.url, t2i('job-idem-0001', OTHER))
    expect(taken.status).toBe(400)
    expect(await taken.text()).not.toContain('succeeded')

    const image = await fetch(`${s.url}${JOB_ROUTES.image('job-idem-0001', 0)}?submitter=${SUBMITTER}`)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect((await image.arrayBuffer()).byteLength).toBe(done.results[0]!.bytes)
    // another submitter can neither see nor collect it
    expect((await fetch(`${s.url}${JOB_ROUTES.image('job-idem-0001', 0)}?submitter=${OTHER}`)).status).toBe(404)
    const ack = await fetch(`${s.url}${JOB_ROUTES.ack('job-idem-0001')}?submitter=${SUBMITTER}`, { method: 'POST' })
    expect(ServerJob.parse(await ack.json()).acknowledged).toBe(true)
    // acknowledged: a new connection without Last-Event-ID no longer replays it
    const fresh = await readEvents(s.url, SUBMITTER, (e) => e.some((x) => x.event === 'queue'))
    expect(jobEvents(fresh)).toEqual([])
  })

  it('refuses before journaling or sending: invalid request, wrong kind, not JSON, another origin, too large', async () => {
    const { sim, base } = await upstream()
    const s = await studio(base, dataDir())
    const bad = t2i('job-bad-00001')
    const noPrompt = { ...bad, request: { ...bad.request, input: { prompt: '' } } }
    const refusals = [
      await submit(s.url, noPrompt),
      await submit(s.url, { ...bad, request: { ...bad.request, parameters: { size: '13*13' } } }),
      await submit(s.url, { ...bad, kind: 'edit' }),
      await submit(s.url, { ...bad, submitter: 'x' }),
      await submit(s.url, '{"id":'),
      await fetch(`${s.url}${JOB_ROUTES.submit}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(bad) }),
      await submit(s.url, bad, { origin: 'https://evil.example' }),
      await submit(s.url, { ...bad, pad: 'x'.repeat(50 * 1024 * 1024) }),
    ]
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 415, 403, 413])
    expect(sim.stats().requests).toBe(0)
    const events = await readEvents(s.url, SUBMITTER, (e) => e.some((x) => x.event === 'queue'))
    expect(jobEvents(events)).toEqual([])
  })

  it('cancels a queued job (never sent) and a PENDING one (cancelled at the vendor); refuses a finished one', async () => {
    const { sim, base } = await upstream({ queueMs: 5000 })
    const s = await studio(base, dataDir())
    for (const id of ['job-cancel-001', 'job-cancel-002', 'job-cancel-003']) await submit(s.url, t2i(id))
    // two are PENDING at the vendor (the account's 2 slots), the third waits here
    await readEvents(s.url, SUBMITTER, (e) => jobEvents(e).filter((x) => x.job.status === 'pending').length >= 2)
    const cancel = async (id: string) => fetch(`${s.url}${JOB_ROUTES.cancel(id)}?submitter=${SUBMITTER}`, { method: 'POST' })
    const queued = ServerJob.parse(await (await cancel('job-cancel-003')).json())
    const pending = ServerJob.parse(await (await cancel('job-cancel-001')).json())
    expect([queued.status, pending.status]).toEqual(['canceled', 'canceled'])
    expect((await cancel('job-cancel-001')).status).toBe(400)
    expect(sim.stats()).toMatchObject({ submissions: 2, canceled: 1 })
  })

  it('resumes an event stream from Last-Event-ID with only what happened since', async () => {
    const { base } = await upstream({ queueMs: 300, runMs: 300 })
    const s = await studio(base, dataDir())
    await submit(s.url, t2i('job-resume-01'))
    const early = await readEvents(s.url, SUBMITTER, (e) => jobEvents(e).some((x) => x.job.status === 'pending'))
    const last = jobEvents(early).at(-1)!
    const later = await readEvents(s.url, SUBMITTER, (e) => finished(e, 1), last.id)
    const statuses = jobEvents(later).map((e) => e.job.status)
    expect(statuses).not.toContain('queued')
    expect(statuses.at(-1)).toBe('succeeded')
    expect(jobEvents(later).every((e) => Number(e.id) > Number(last.id))).toBe(true)
  })

  it('a restart mid-batch loses nothing and sends nothing twice: tasks are polled again, queued jobs wait', async () => {
    const { sim, base } = await upstream({ queueMs: 100, runMs: 800 })
    const dir = dataDir()
    const first = await studio(base, dir)
    const ids = ['job-restart-01', 'job-restart-02', 'job-restart-03', 'job-restart-04']
    for (const id of ids) await submit(first.url, t2i(id))
    await readEvents(first.url, SUBMITTER, (e) => jobEvents(e).filter((x) => x.job.status === 'pending').length >= 2)
    expect(sim.stats().submissions).toBe(2)
    await first.close()
    const second = await studio(base, dir)
    const events = await readEvents(second.url, SUBMITTER, (e) => finished(e, 4))
    expect(
      new Set(
        jobEvents(events)
          .filter((e) => e.job.status === 'succeeded')
          .map((e) => e.job.id),
      ),
    ).toEqual(new Set(ids))
    expect(sim.stats()).toMatchObject({ submissions: 4, succeeded: 4, throttled: 0 })
    expect(sim.stats().maxConcurrent).toBeLessThanOrEqual(2)
  })

  it('sends a job that needs no rewritten prompt to the sync endpoint, within the account’s rate', async () => {
    const { sim, base } = await upstream({ syncMs: 300 })
    const s = await studio(base, dataDir())
    const ids = ['job-sync-0001', 'job-sync-0002', 'job-sync-0003', 'job-sync-0004', 'job-sync-0005']
    for (const id of ids) await submit(s.url, t2i(id, SUBMITTER, `A lighthouse ${id}`, false))
    const events = await readEvents(s.url, SUBMITTER, (e) => finished(e, ids.length))
    const done = jobEvents(events).filter((e) => e.job.status === 'succeeded')
    expect(done).toHaveLength(ids.length)
    // no task: the sync call's request id and usage, and one request each to the vendor
    for (const { job } of done) {
      expect(job.taskId).toBeUndefined()
      expect(job.usage).toEqual({ width: 1328, height: 1328, image_count: 1 })
    }
    expect(jobEvents(events).some((e) => e.job.status === 'pending')).toBe(false)
    expect(sim.stats()).toMatchObject({ requests: ids.length, submissions: ids.length, throttled: 0, maxConcurrent: 0 })
  })

  it('a sync call on the wire when the studio stops is answered before it closes, and kept', async () => {
    const { sim, base } = await upstream({ syncMs: 1500 })
    const dir = dataDir()
    const first = await studio(base, dir)
    await submit(first.url, t2i('job-sync-stop1', SUBMITTER, 'A lighthouse', false))
    await readEvents(first.url, SUBMITTER, (e) => jobEvents(e).some((x) => x.job.status === 'running'))
    await first.close()
    const second = await studio(base, dir)
    const events = await readEvents(second.url, SUBMITTER, (e) => finished(e, 1))
    expect(jobEvents(events).at(-1)?.job.status).toBe('succeeded')
    expect(sim.stats().submissions).toBe(1)
  })

  it('a sync call the upstream does not answer in time is reported as of unknown outcome, not sent again', async () => {
    const { sim, base } = await upstream({ syncMs: 1500 })
    const s = await studio(base, dataDir(), {}, { multimodalMs: 300 })
    await submit(s.url, t2i('job-sync-late1', SUBMITTER, 'A lighthouse', false))
    const events = await readEvents(s.url, SUBMITTER, (e) => jobEvents(e).some((x) => x.job.status === 'interrupted'))
    expect(jobEvents(events).at(-1)?.job.error?.code).toBe('NoAnswer')
    await new Promise((r) => setTimeout(r, 2500))
    expect(sim.stats().submissions).toBe(1)
  })

  it('a task journaled before it would have gone to the sync endpoint is polled after a restart, not sent again', async () => {
    const { sim, base } = await upstream({ queueMs: 100, runMs: 500 })
    const dir = dataDir()
    const job = t2i('job-old-task-1', SUBMITTER, 'A lighthouse', false)
    const created = await fetch(`${base}/services/aigc/text2image/image-synthesis`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SIMULATOR_DEFAULT_KEY}`, 'content-type': 'application/json', 'x-dashscope-async': 'enable' },
      body: JSON.stringify(job.request),
    })
    const taskId = ((await created.json()) as { output: { task_id: string } }).output.task_id
    const journal = new JobJournal(dir)
    journal.insert(job, Date.now())
    journal.update(job.id, () => ({ status: 'pending', taskId, attempts: 1 }), Date.now())
    journal.close()
    const s = await studio(base, dir)
    const events = await readEvents(s.url, SUBMITTER, (e) => finished(e, 1))
    expect(jobEvents(events).at(-1)?.job).toMatchObject({ status: 'succeeded', taskId })
    expect(sim.stats().submissions).toBe(1)
  })

  it('drops acknowledged results once the retention window has passed', async () => {
    const { base } = await upstream()
    const dir = dataDir()
    const s = await studio(base, dir, { STUDIO_RETENTION_DAYS: '0' })
    await submit(s.url, t2i('job-retain-01'))
    await readEvents(s.url, SUBMITTER, (e) => finished(e, 1))
    const image = () => fetch(`${s.url}${JOB_ROUTES.image('job-retain-01', 0)}?submitter=${SUBMITTER}`)
    expect((await image()).status).toBe(200)
    await fetch(`${s.url}${JOB_ROUTES.ack('job-retain-01')}?submitter=${SUBMITTER}`, { method: 'POST' })
    // the purge runs at start (and hourly): a restart with a zero window drops it
    await s.close()
    const again = await studio((await upstream()).base, dir, { STUDIO_RETENTION_DAYS: '0' })
    expect((await fetch(`${again.url}${JOB_ROUTES.image('job-retain-01', 0)}?submitter=${SUBMITTER}`)).status).toBe(404)
  })
})
