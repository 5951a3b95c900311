// @vitest-environment node
/**
 * Redis mode: two real studio servers (HTTP on loopback ports) on one real redis-server, over one
 * real simulator (the account): the account's limits hold across instances, turns go round robin
 * across submitters, a client job id is one job whichever instance hears it, events reach a
 * browser connected to the other instance, and an instance stopped mid-batch loses nothing.
 */
import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { startRedisServer } from '../../../scripts/redis-server.ts'
import { JOB_ROUTES, ServerJob, type JobSubmission } from '../../shared/studio-jobs.ts'
import { dataUrl, pngBytes } from '../../testing/image-bytes.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY, type Simulator } from '../../simulator/create-simulator.ts'
import { loopbackSimulator } from '../../testing/loopback-simulator.ts'
import { startStudio, type RunningStudio } from '../main.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const ADA = 'submitter-redis-ada1'
const BEN = 'submitter-redis-ben1'

/** The account: a standalone simulator that outlives the studios on it. */
async function account(opts: Parameters<typeof createSimulator>[0] = {}): Promise<{ sim: Simulator; base: string }> {
  return loopbackSimulator({ queueMs: 50, runMs: 300, ...opts }, cleanups)
}

async function redis(): Promise<string> {
  const server = await startRedisServer()
  cleanups.push(() => server.stop())
  return server.url
}

async function studio(base: string, redisUrl: string): Promise<RunningStudio> {
  const s = await startStudio(
    { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: SIMULATOR_DEFAULT_KEY, DASHSCOPE_BASE_URL: base, REDIS_URL: redisUrl },
    { log: () => {}, distDir: '/nonexistent' },
  )
  cleanups.push(() => s.close())
  return s
}

const t2i = (id: string, submitter: string): JobSubmission => ({
  id,
  submitter,
  kind: 't2i',
  request: { model: 'qwen-image-plus', input: { prompt: `Poster ${id}` }, parameters: { size: '1328*1328', n: 1, prompt_extend: true } },
})

/** A sync call (multimodal-generation): its own 2 at once, but the account's 2 submissions a second with the tasks. */
const edit = (id: string, submitter: string): JobSubmission => ({
  id,
  submitter,
  kind: 'edit',
  request: {
    model: 'qwen-image-edit-plus',
    input: { messages: [{ role: 'user', content: [{ image: dataUrl('image/png', pngBytes(512, 512)) }, { text: `Blue ${id}` }] }] },
    parameters: { n: 1 },
  },
})

const submit = (url: string, job: JobSubmission) =>
  fetch(`${url}${JOB_ROUTES.submit}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(job) })

interface Heard {
  id?: string
  job: ServerJob
}

/** Follows a submitter's event stream (the browser's EventSource, read by hand) until `done`. */
async function follow(url: string, submitter: string, done: (jobs: Heard[]) => boolean, lastEventId?: string, ms = 15_000) {
  const abort = new AbortController()
  const timer = setTimeout(() => abort.abort(), ms)
  const heard: Heard[] = []
  try {
    const res = await fetch(`${url}${JOB_ROUTES.events}?submitter=${submitter}`, {
      headers: lastEventId ? { 'last-event-id': lastEventId } : {},
      signal: abort.signal,
    })
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    while (!done(heard)) {
      const { value, done: ended } = await reader.read()
      if (ended) break
      buffer += value
      let end
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const lines = buffer.slice(0, end).split('\n')
        buffer = buffer.slice(end + 2)
        const field = (name: string) =>
          lines
            .find((l) => l.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim()
        if (field('event') === 'job') heard.push({ id: field('id'), job: ServerJob.parse(JSON.parse(field('data')!)) })
      }
    }
  } catch {
    // out of time: the caller's expectations say what was missing
  } finally {
    clearTimeout(timer)
    abort.abort()
  }
  return heard
}

const landed = (heard: Heard[]) => new Set(heard.filter((h) => h.job.status === 'succeeded').map((h) => h.job.id))

describe('Redis mode: one account’s queue shared by several studio instances', () => {
  it('two instances, two people: the account’s limits hold (never more than 2 tasks at the vendor, no 429), all land once', async () => {
    const { sim, base } = await account({ queueMs: 100, runMs: 400, syncMs: 300 })
    const url = await redis()
    const [one, two] = [await studio(base, url), await studio(base, url)]
    // tasks and sync calls at once, 4 may be in flight: only the account's 2 a second spaces them
    const jobs = (who: string, submitter: string) => [
      ...Array.from({ length: 4 }, (_, i) => t2i(`job-${who}-limits-${i}`, submitter)),
      ...Array.from({ length: 2 }, (_, i) => edit(`job-${who}-edit-${i}`, submitter)),
    ]
    await Promise.all([
      ...jobs('ada', ADA).map((job, i) => submit(i % 2 ? one.url : two.url, job)),
      ...jobs('ben', BEN).map((job, i) => submit(i % 2 ? two.url : one.url, job)),
    ])
    const [ada, ben] = await Promise.all([
      follow(one.url, ADA, (h) => landed(h).size === 6, undefined, 30_000),
      follow(two.url, BEN, (h) => landed(h).size === 6, undefined, 30_000),
    ])
    const stats = sim.stats()
    console.log(`two instances: max tasks at the vendor ${stats.maxConcurrent}, 429s ${stats.throttled}, submissions ${stats.submissions}`)
    expect([landed(ada).size, landed(ben).size]).toEqual([6, 6])
    expect(stats).toMatchObject({ submissions: 12, succeeded: 12, throttled: 0 })
    expect(stats.maxConcurrent).toBe(2)
  }, 45_000)

  it('turns go round robin across submitters, whichever instance each hands their jobs to', async () => {
    const { sim, base } = await account({ queueMs: 50, runMs: 500 })
    const url = await redis()
    const [one, two] = [await studio(base, url), await studio(base, url)]
    // Ada's batch of 6 first (2 go at once, 4 wait), then Ben's 2 on the other instance
    for (let i = 0; i < 6; i++) expect((await submit(one.url, t2i(`job-rr-ada-${i}`, ADA))).status).toBe(202)
    for (let i = 0; i < 2; i++) expect((await submit(two.url, t2i(`job-rr-ben-${i}`, BEN))).status).toBe(202)
    const [ada, ben] = await Promise.all([
      follow(one.url, ADA, (h) => landed(h).size === 6, undefined, 30_000),
      follow(one.url, BEN, (h) => landed(h).size === 2, undefined, 30_000),
    ])
    const sentAt = new Map([...ada, ...ben].filter((h) => h.job.status === 'succeeded').map((h) => [h.job.id, h.job.submittedAt!]))
    const order = [...sentAt].sort((a, b) => a[1] - b[1]).map(([id]) => `${id.slice(7)}@${sentAt.get(id)! - Math.min(...sentAt.values())}`)
    console.log(`sent (ms from the first): ${order.join(', ')}`)
    // Ben waits for a free slot, not for Ada's batch: his first goes with her third, his second with
    // her fourth (two slots freed at once are taken by two instances' workers in either order)
    const SAME_ROUND_MS = 300
    expect(sentAt.get('job-rr-ben-0')).toBeLessThan(sentAt.get('job-rr-ada-2')! + SAME_ROUND_MS)
    expect(sentAt.get('job-rr-ben-1')).toBeLessThan(sentAt.get('job-rr-ada-3')! + SAME_ROUND_MS)
    expect(sim.stats().submissions).toBe(8)
  }, 45_000)

  it('a client job id is one job on every instance; another browser cannot take it', async () => {
    const { sim, base } = await account()
    const url = await redis()
    const [one, two] = [await studio(base, url), await studio(base, url)]
    const job = t2i('job-idem-redis-1', ADA)
    const answers = await Promise.all([submit(one.url, job), submit(two.url, job), submit(one.url, job), submit(two.url, job)])
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202])
    await follow(two.url, ADA, (h) => landed(h).size === 1)
    expect((await submit(two.url, job)).status).toBe(202)
    const taken = await submit(one.url, t2i('job-idem-redis-1', BEN))
    expect(taken.status).toBe(400)
    expect(await taken.text()).not.toContain('succeeded')
    expect(sim.stats().submissions).toBe(1)
    // the bytes are in Redis: the other instance serves them
    const image = await fetch(`${two.url}${JOB_ROUTES.image('job-idem-redis-1', 0)}?submitter=${ADA}`)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect((await fetch(`${one.url}${JOB_ROUTES.image('job-idem-redis-1', 0)}?submitter=${BEN}`)).status).toBe(404)
  })

  it('a browser connected to one instance hears a job handed to the other, and resumes from Last-Event-ID on either', async () => {
    const { base } = await account({ queueMs: 300, runMs: 300 })
    const url = await redis()
    const [one, two] = [await studio(base, url), await studio(base, url)]
    const listening = follow(two.url, ADA, (h) => h.some((x) => x.job.status === 'pending'))
    await new Promise((r) => setTimeout(r, 200))
    await submit(one.url, t2i('job-sse-redis-1', ADA))
    const early = await listening
    expect(early.map((h) => h.job.status)).toContain('pending')
    const last = early.at(-1)!
    const later = await follow(one.url, ADA, (h) => landed(h).size === 1, last.id)
    expect(later.map((h) => h.job.status)).not.toContain('queued')
    expect(later.at(-1)!.job.status).toBe('succeeded')
    expect(later.every((h) => Number(h.id) > Number(last.id))).toBe(true)
  })

  it('simulator mode (no key) runs its jobs through Redis the same way', async () => {
    const url = await redis()
    const s = await startStudio(
      { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: '', REDIS_URL: url, SIMULATOR_QUEUE_MS: '50', SIMULATOR_RUN_MS: '200' },
      { log: () => {}, distDir: '/nonexistent' },
    )
    cleanups.push(() => s.close())
    expect((await submit(s.url, t2i('job-sim-redis-1', ADA))).status).toBe(202)
    const heard = await follow(s.url, ADA, (h) => landed(h).size === 1)
    expect(landed(heard)).toEqual(new Set(['job-sim-redis-1']))
    expect((await fetch(`${s.url}${JOB_ROUTES.image('job-sim-redis-1', 0)}?submitter=${ADA}`)).headers.get('content-type')).toBe(
      'image/png',
    )
    // the job and its bytes are in Redis, not in this process
    const client = new Redis(url)
    cleanups.push(() => client.quit())
    expect(await client.exists('qis:job:job-sim-redis-1', 'qis:res:job-sim-redis-1:0')).toBe(2)
  })

  it('an instance stopped mid-batch: the other carries on, every job lands once, nothing sent twice', async () => {
    const { sim, base } = await account({ queueMs: 100, runMs: 800 })
    const url = await redis()
    const [one, two] = [await studio(base, url), await studio(base, url)]
    const ids = Array.from({ length: 6 }, (_, i) => `job-stop-redis-${i}`)
    for (const id of ids) await submit(one.url, t2i(id, ADA))
    await follow(two.url, ADA, (h) => h.filter((x) => x.job.status === 'pending').length >= 2)
    // whichever instance holds the two tasks at the vendor, stop the one the batch was handed to
    await one.close()
    const heard = await follow(two.url, ADA, (h) => landed(h).size === 6, undefined, 30_000)
    const stats = sim.stats()
    console.log(`stopped mid-batch: landed ${landed(heard).size}, submissions ${stats.submissions}, max running ${stats.maxConcurrent}`)
    expect(landed(heard)).toEqual(new Set(ids))
    expect(stats).toMatchObject({ submissions: 6, succeeded: 6, throttled: 0 })
    expect(stats.maxConcurrent).toBeLessThanOrEqual(2)
  }, 45_000)
})
