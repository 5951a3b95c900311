// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { ACCOUNT_LIMITS } from '../shared/models.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { createSimulator } from './create-simulator.ts'
import { harness, taskIdOf, type Harness, type Reply } from '../testing/simulator-harness.ts'

let h: Harness
afterEach(() => h.sim.close())

function expectThrottled(reply: Reply, message: string) {
  expect(reply.status).toBe(429)
  expect(ErrorBody.parse(reply.body)).toMatchObject({ code: 'Throttling', message })
}

describe('account limits per key', () => {
  it(`refuses a submission beyond ${ACCOUNT_LIMITS.submitPerSecond} in any sliding second (429 Throttling)`, async () => {
    h = harness({ concurrentTasks: 100 })
    expect((await h.submit('a')).status).toBe(200)
    h.clock.advance(600)
    expect((await h.submit('b')).status).toBe(200)
    h.clock.advance(399)
    expectThrottled(await h.submit('c'), ERROR_MESSAGES.throttled)
    // The sync endpoint counts against the same rate.
    expectThrottled(await h.t2i('c'), ERROR_MESSAGES.throttled)
    h.clock.advance(1) // the first left the window
    expect((await h.submit('d')).status).toBe(200)
    expect(h.sim.stats()).toMatchObject({ submissions: 3, throttled: 2 })
  })

  it('does not count throttled or invalid requests as submissions', async () => {
    h = harness({ concurrentTasks: 100 })
    await h.submit('a', { n: 5 }) // invalid: 400
    await h.submit('a')
    await h.submit('b')
    for (let i = 0; i < 5; i++) expect((await h.submit('x')).status).toBe(429)
    h.clock.advance(1000)
    // Had the refusals counted, the window would still be full.
    expect((await h.submit('c')).status).toBe(200)
    expect(h.sim.stats()).toMatchObject({ submissions: 3, throttled: 5 })
  })

  it(`refuses a task beyond ${ACCOUNT_LIMITS.concurrentTasks} unfinished ones (429, tooManyTasks) until one finishes or is canceled`, async () => {
    h = harness({ queueMs: 1000, runMs: 2000 })
    await h.submit('a', { prompt_extend: false })
    await h.submit('b', { prompt_extend: false })
    h.clock.advance(1000) // outside the rate window; both still unfinished
    expectThrottled(await h.submit('c'), ERROR_MESSAGES.tooManyTasks)
    // Sync calls are not tasks: no concurrency limit.
    expect((await h.t2i('sync is fine', { prompt_extend: false })).status).toBe(200)
    h.clock.advance(2000) // both finished
    expect((await h.submit('d', { prompt_extend: false })).status).toBe(200)
    expect(h.sim.stats()).toMatchObject({ maxConcurrent: 2, throttled: 1 })
  })

  it('frees a slot when a PENDING task is canceled', async () => {
    h = harness({ queueMs: 5000 })
    const id = taskIdOf(await h.submit('a'))
    await h.submit('b')
    h.clock.advance(1000)
    expectThrottled(await h.submit('c'), ERROR_MESSAGES.tooManyTasks)
    expect((await h.cancel(id)).status).toBe(200)
    expect((await h.submit('c')).status).toBe(200)
  })

  it('keeps keys apart', async () => {
    h = harness({ apiKeys: ['k1', 'k2'] })
    await h.submit('a', {}, { key: 'k1' })
    await h.submit('b', {}, { key: 'k1' })
    expect((await h.submit('c', {}, { key: 'k1' })).status).toBe(429)
    expect((await h.submit('c', {}, { key: 'k2' })).status).toBe(200)
    expect(h.sim.stats().maxConcurrent).toBe(3)
  })

  it('applies limits changed at run time', async () => {
    h = harness()
    h.sim.configure({ submitPerSecond: 1 })
    await h.submit('a')
    expect((await h.submit('b')).status).toBe(429)
    h.sim.configure({ submitPerSecond: 5, concurrentTasks: 5 })
    expect((await h.submit('b')).status).toBe(200)
  })
})

describe('real clock', () => {
  it('moves tasks along on real time and renders them when they finish', async () => {
    const sim = createSimulator({ queueMs: 20, runMs: 40, extendMs: 0, syncMs: 0 })
    h = { sim } as Harness
    const headers = { Authorization: 'Bearer sim-local-key', 'Content-Type': 'application/json', 'X-DashScope-Async': 'enable' }
    const created = await sim.fetch(
      new Request('http://127.0.0.1:9100/api/v1/services/aigc/text2image/image-synthesis', {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'qwen-image', input: { prompt: 'a fox' } }),
      }),
    )
    const { output } = (await created.json()) as { output: { task_id: string } }
    const statuses: string[] = []
    for (let i = 0; i < 50; i++) {
      const res = await sim.fetch(new Request(`http://127.0.0.1:9100/api/v1/tasks/${output.task_id}`, { headers }))
      const status = ((await res.json()) as { output: { task_status: string } }).output.task_status
      if (statuses.at(-1) !== status) statuses.push(status)
      if (status === 'SUCCEEDED') break
      await new Promise((r) => setTimeout(r, 15))
    }
    expect(statuses[0]).toBe('PENDING')
    expect(statuses.at(-1)).toBe('SUCCEEDED')
  })
})
