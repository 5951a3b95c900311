/**
 * The account's queue in the studio server (issue 16): what the scheduler adds between a job
 * handed over and its submission reaching the vendor, and how busy it keeps the account's 2 task
 * slots while work is queued. In-process: a simulator on a loopback port (its arrivals timed by
 * a wrapper), the studio in live mode on it with its SQLite journal on disk, one clock for both.
 * The overhead is measured again in Redis mode (REDIS_URL, a real redis-server of its own); the
 * goal is the default mode's.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { API_PATHS } from '../src/shared/api-paths.ts'
import { JOB_ROUTES, type JobSubmission } from '../src/shared/studio-jobs.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY } from '../src/simulator/create-simulator.ts'
import { parseServerConfig } from '../src/proxy/server-config.ts'
import { createStudioApp } from '../src/proxy/studio-app.ts'
import { startRedisServer } from '../scripts/redis-server.ts'
import { median, ms, percentile, verdict, type BenchResult } from './report.ts'

const OVERHEAD_GOAL_MS = 5
const UTILISATION_GOAL = 0.9
const OVERHEAD_JOBS = 30
const REDIS_OVERHEAD_JOBS = 20
/** Jobs queued at once for the utilisation run, and their vendor time (half the vendor's typical 20 s). */
const QUEUED_JOBS = 8
const TASK_MS = 10_000

/** 'YYYY-MM-DD HH:mm:ss.SSS' in UTC+8 (the vendor's timestamps) as epoch ms. */
const vendorTime = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`)

/** A studio in live mode on `base`, timing when its HTTP server hands each job (by its prompt) to the app. */
async function studioOn(base: string, extra: Record<string, string>) {
  const env = { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: SIMULATOR_DEFAULT_KEY, DASHSCOPE_BASE_URL: base, ...extra }
  const app = await createStudioApp(parseServerConfig(env), env, () => {})
  const received = new Map<string, number>()
  const server = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (req) => {
      const at = performance.now()
      const prompt = req.headers.get('x-bench-prompt')
      if (prompt) received.set(prompt, at)
      return app.app.fetch(req)
    },
  })
  await new Promise((r) => server.once('listening', r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  await app.start(url)
  return {
    url,
    received,
    close: async () => {
      await app.close()
      server.close()
    },
  }
}

export async function benchQueue(): Promise<BenchResult> {
  const sim = createSimulator({ queueMs: 5, runMs: 20, extendMs: 0 })
  const arrivals = new Map<string, number>()
  const ends = new Map<string, number>()
  const wrapper = new Hono()
  wrapper.all('*', async (c) => {
    const at = performance.now()
    const body = c.req.method === 'POST' ? await c.req.raw.clone().text() : ''
    const res = await sim.fetch(c.req.raw)
    if (c.req.path.endsWith(API_PATHS.imageSynthesis) && res.ok) {
      const prompt = (JSON.parse(body) as { input: { prompt: string } }).input.prompt
      arrivals.set(prompt, at)
    }
    if (c.req.path.includes('/tasks/') && res.ok) {
      const out = ((await res.clone().json()) as { output: { task_id: string; end_time?: string } }).output
      if (out.end_time) ends.set(out.task_id, vendorTime(out.end_time))
    }
    return res
  })
  const simServer = serve({ fetch: wrapper.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => simServer.once('listening', r))
  const base = `http://127.0.0.1:${(simServer.address() as AddressInfo).port}/api/v1`
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'qis-bench-queue-'))
  const studio = await studioOn(base, { STUDIO_DATA_DIR: dataDir })
  const job = (i: number, prompt: string): JobSubmission => ({
    id: `bench-${Date.now().toString(36)}-${i}`,
    submitter: `bench-submitter-${i % 3}`,
    kind: 't2i',
    // Prompt extension on: a task (the slots and their utilisation are the task API's; without it the job would go to the sync endpoint).
    request: { model: 'qwen-image-plus', input: { prompt }, parameters: { size: '1328*1328', n: 1, prompt_extend: true } },
  })
  const submit = (to: { url: string }, j: JobSubmission) =>
    fetch(`${to.url}${JOB_ROUTES.submit}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-bench-prompt': 'prompt' in j.request.input ? j.request.input.prompt : '' },
      body: JSON.stringify(j),
    })
  // Overhead: one job at a time into a free slot (spaced past the account's 2 a second and past
  // the previous task), from the studio server receiving the job to the vendor receiving its
  // task; and, beside it, from the client's POST leaving.
  const measureOverhead = async (to: Awaited<ReturnType<typeof studioOn>>, jobs: number, label: string) => {
    const overhead: number[] = []
    const endToEnd: number[] = []
    for (let i = 0; i < jobs; i++) {
      const prompt = `${label} overhead ${i}`
      const sent = performance.now()
      const res = await submit(to, job(i, prompt))
      if (res.status !== 202) throw new Error(`submit answered ${res.status}`)
      const since = Date.now()
      while (!arrivals.has(prompt)) {
        if (Date.now() - since > 10_000) throw new Error(`${label} job ${i} did not reach the vendor within 10 s`)
        await new Promise((r) => setTimeout(r, 1))
      }
      overhead.push(arrivals.get(prompt)! - to.received.get(prompt)!)
      endToEnd.push(arrivals.get(prompt)! - sent)
      await new Promise((r) => setTimeout(r, 1200))
    }
    return { overhead, endToEnd }
  }
  const redis = await startRedisServer()
  try {
    // 1. Overhead, each mode
    const { overhead, endToEnd } = await measureOverhead(studio, OVERHEAD_JOBS, 'embedded')
    const redisStudio = await studioOn(base, { REDIS_URL: redis.url })
    const inRedis = await measureOverhead(redisStudio, REDIS_OVERHEAD_JOBS, 'redis').finally(() => redisStudio.close())
    arrivals.clear()
    ends.clear()

    // 2. Utilisation: QUEUED_JOBS at once from 3 people, tasks of TASK_MS.
    sim.configure({ queueMs: 200, runMs: TASK_MS - 200 })
    arrivals.clear()
    const prompts = Array.from({ length: QUEUED_JOBS }, (_, i) => `queued ${i}`)
    await Promise.all(prompts.map((p, i) => submit(studio, job(100 + i, p))))
    while (arrivals.size < QUEUED_JOBS) await new Promise((r) => setTimeout(r, 50))
    // performance.now() of this process, on the Date.now() clock of the vendor's timestamps
    const origin = Date.now() - performance.now()
    const submitted = [...arrivals.values()].map((t) => t + origin).sort((a, b) => a - b)
    const from = submitted[0]!
    const until = submitted.at(-1)! // the queue emptied when the last job left it
    // every task's vendor span [arrival, end]; tasks are matched to arrivals in order of both
    while (ends.size < QUEUED_JOBS) await new Promise((r) => setTimeout(r, 100))
    const endTimes = [...ends.values()].sort((a, b) => a - b).slice(-QUEUED_JOBS)
    const busy = submitted.reduce((sum, start, i) => sum + Math.max(0, Math.min(endTimes[i]!, until) - Math.max(start, from)), 0)
    const utilisation = busy / (2 * (until - from))
    const gaps = submitted.slice(2).map((start, i) => start - endTimes[i]!)

    return {
      rows: [
        {
          figure: 'Queue overhead per job (studio receives it -> at the vendor)',
          goal: `<= ${OVERHEAD_GOAL_MS} ms median`,
          measured: `${ms(median(overhead))} (p95 ${ms(percentile(overhead, 95))})`,
          verdict: verdict(median(overhead) <= OVERHEAD_GOAL_MS),
        },
        {
          figure: 'Queue overhead per job, Redis mode (REDIS_URL)',
          goal: '(printed; the goal is the default mode’s)',
          measured: `${ms(median(inRedis.overhead))} (p95 ${ms(percentile(inRedis.overhead, 95))})`,
          verdict: 'pending',
        },
        {
          figure: 'Utilisation of the 2 task slots while work is queued',
          goal: `>= ${UTILISATION_GOAL * 100}%`,
          measured: `${(utilisation * 100).toFixed(1)}%`,
          verdict: verdict(utilisation >= UTILISATION_GOAL),
        },
      ],
      notes: [
        `Overhead: ${OVERHEAD_JOBS} jobs, each into a free slot: from the studio's HTTP server handing POST /api/jobs to the app ` +
          `(validation, SQLite journal on disk, scheduling, the gateway's checks, HTTP to the simulator) to the simulator receiving ` +
          `the task: median ${ms(median(overhead))}, min ${ms(Math.min(...overhead))}, max ${ms(Math.max(...overhead))}. ` +
          `From the client's POST leaving: median ${ms(median(endToEnd))} (the loopback hop and the client's fetch included). ` +
          `Load average during the run: ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores.`,
        `Redis mode: ${REDIS_OVERHEAD_JOBS} jobs the same way, the queue, limits and journal in a local redis-server (BullMQ): ` +
          `median ${ms(median(inRedis.overhead))}, min ${ms(Math.min(...inRedis.overhead))}, max ${ms(Math.max(...inRedis.overhead))}; ` +
          `from the client's POST leaving: median ${ms(median(inRedis.endToEnd))}.`,
        `Utilisation: ${QUEUED_JOBS} jobs from 3 people at once, vendor tasks of ${TASK_MS / 1000} s; slot-time at the vendor over ` +
          `2 x ${((until - from) / 1000).toFixed(1)} s from the first submission to the last. Gap from a task's end to the next ` +
          `submission: median ${ms(median(gaps), 0)}, max ${ms(Math.max(...gaps), 0)} (a task is polled when its learned run time says it ends, at most once a second).`,
      ],
    }
  } finally {
    await studio.close()
    await redis.stop()
    sim.close()
    simServer.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
