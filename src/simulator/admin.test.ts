// @vitest-environment node
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { LIMITS } from '../shared/limits.ts'
import { ACCOUNT_LIMITS } from '../shared/models.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY, type Simulator } from './create-simulator.ts'
import { harness, taskIdOf, taskStatusOf, type Harness } from '../testing/simulator-harness.ts'

let h: Harness
afterEach(() => h.sim.close())

describe('options', () => {
  it('has the defaults the README documents', async () => {
    const sim: Simulator = createSimulator()
    h = { sim } as Harness
    // The README's configuration row: "| `SIMULATOR_QUEUE_MS`, … | … | 400, 1500, 1000, 1500 ms; 24 h |"
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8')
    const row = readme.split('\n').find((line) => line.startsWith('| `SIMULATOR_QUEUE_MS`'))
    const [queueMs, runMs, extendMs, syncMs, hours] = (row?.match(/(\d+), (\d+), (\d+), (\d+) ms; (\d+) h/) ?? []).slice(1).map(Number)
    const o = sim.options()
    expect({ queueMs: o.queueMs, runMs: o.runMs, extendMs: o.extendMs, syncMs: o.syncMs, ttlHours: o.resultTtlSeconds / 3600 }).toEqual({
      queueMs,
      runMs,
      extendMs,
      syncMs,
      ttlHours: hours,
    })
    expect(o).toMatchObject({
      apiKeys: ['sim-local-key'],
      taskTtlSeconds: LIMITS.resultTtlSeconds,
      submitPerSecond: ACCOUNT_LIMITS.submitPerSecond,
      concurrentTasks: ACCOUNT_LIMITS.concurrentTasks,
      minuteMs: 60_000,
      previewAccess: false,
      refuseSizes: [],
    })
  })

  it('ignores undefined options and returns copies', () => {
    const sim = createSimulator({ queueMs: undefined, runMs: 5 })
    h = { sim } as Harness
    expect(sim.options()).toMatchObject({ queueMs: 400, runMs: 5 })
    sim.options().apiKeys.push('sneaky')
    expect(sim.options().apiKeys).toEqual([SIMULATOR_DEFAULT_KEY])
    sim.configure({ syncMs: undefined, extendMs: 0 })
    expect(sim.options()).toMatchObject({ syncMs: 1500, extendMs: 0 })
  })
})

describe('/__admin', () => {
  it('GET /stats returns SimulatorStats', async () => {
    h = harness({ basePath: '/simulator' })
    await h.t2i('a cat')
    await h.t2i('a cat', {}, 'qwen-image-plus', { key: 'wrong' })
    const res = await h.admin('GET', '/stats')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      requests: 2,
      submissions: 1,
      throttled: 0,
      pending: 0,
      running: 0,
      maxConcurrent: 0,
      succeeded: 1,
      failed: 0,
      canceled: 0,
    })
  })

  it('POST /config validates a partial of the options and applies it', async () => {
    h = harness()
    const res = await h.admin('POST', '/config', { queueMs: 0, runMs: 10, apiKeys: ['demo'] })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ queueMs: 0, runMs: 10, apiKeys: ['demo'] })
    expect(h.sim.options().runMs).toBe(10)
    expect((await h.task('x', { key: 'demo' })).status).toBe(200)

    for (const bad of [{ queueMs: -1 }, { runMs: 'fast' }, { apiKeys: [] }, { apiKeys: [''] }, { nope: 1 }, 'not json']) {
      const refused = await h.admin('POST', '/config', bad)
      expect(refused.status, JSON.stringify(bad)).toBe(400)
      expect(ErrorBody.parse(await refused.json()).code).toBe('InvalidParameter')
    }
    const named = await h.admin('POST', '/config', { syncMs: -5 })
    expect(((await named.json()) as { message: string }).message).toMatch(/^syncMs:/)
    expect(h.sim.options().syncMs).toBe(0)
  })

  it('POST /reset forgets tasks, images, counters and rate windows', async () => {
    h = harness()
    const id = taskIdOf(await h.submit('a'))
    await h.submit('b')
    expect((await h.submit('c')).status).toBe(429)
    const res = await h.admin('POST', '/reset')
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ requests: 0, submissions: 0, throttled: 0, pending: 0, maxConcurrent: 0 })
    expect(taskStatusOf(await h.task(id))).toBe('UNKNOWN')
    expect((await h.submit('c')).status).toBe(200)
    expect(h.sim.options().queueMs).toBe(1000) // options stay
  })

  it('needs no key', async () => {
    h = harness({ apiKeys: ['secret'] })
    expect((await h.admin('GET', '/stats')).status).toBe(200)
  })
})

describe('close', () => {
  it('clears timers and wakes requests waiting out their latency', async () => {
    h = harness({ syncMs: 60_000 })
    const started = performance.now()
    const pending = h.t2i('a cat', { prompt_extend: false })
    await new Promise((r) => setTimeout(r, 20))
    h.sim.close()
    expect((await pending).status).toBe(200)
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})
