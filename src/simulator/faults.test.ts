// @vitest-environment node
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { afterEach, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { MultimodalResponse, TaskQueryResponse } from '../shared/schemas.ts'
import { createSimulator } from './create-simulator.ts'
import { FAULT_HEADER, FaultInjector, INJECTED_TASK_FAILURE, parseFaultHeader } from './faults.ts'
import { bytesOf, errorOf, harness, KEY, pngSize, taskIdOf, type Harness } from '../testing/simulator-harness.ts'

let h: Harness
afterEach(() => h?.sim.close())

const fault = (name: string) => ({ headers: { [FAULT_HEADER]: name } })

async function oneLink(): Promise<string> {
  const reply = await h.t2i('A red kite "FLY"', { size: '1328*1328', seed: 9 })
  return MultimodalResponse.parse(reply.body).output.choices[0]!.message.content[0]!.image
}

async function finishedTask(id: string) {
  h.clock.advance(10_000)
  const reply = await h.task(id)
  expect(reply.status).toBe(200)
  return TaskQueryResponse.parse(reply.body).output
}

describe('faults asked for per request (X-Simulator-Fault)', () => {
  it('text-typo: the request succeeds and draws other bytes than without it; queued, the next async task has it', async () => {
    h = harness()
    const image = async (reply: { body: unknown }) => {
      h.clock.advance(2000) // past the account's submission rate
      return bytesOf(await h.download(MultimodalResponse.parse(reply.body).output.choices[0]!.message.content[0]!.image))
    }
    const params = { size: '1664*928', seed: 5 }
    const plain = await image(await h.t2i('A poster "Grand Opening"', params))
    const typo = await image(await h.t2i('A poster "Grand Opening"', params, 'qwen-image-plus', fault('text-typo')))
    const again = await image(await h.t2i('A poster "Grand Opening"', params))
    expect(Buffer.from(typo).equals(Buffer.from(plain))).toBe(false)
    expect(Buffer.from(again).equals(Buffer.from(plain))).toBe(true)
    h.sim.faults.queue(['text-typo'])
    const submitted = await h.submit('A poster "Grand Opening"', params)
    expect(submitted.status).toBe(200)
    expect(h.sim.faults.queued).toEqual([])
    expect((await finishedTask(taskIdOf(submitted))).task_status).toBe('SUCCEEDED')
  })

  it('internal-error: 500 InternalError JSON', async () => {
    h = harness()
    const reply = await h.submit('x', {}, fault('internal-error'))
    expect(reply.status).toBe(500)
    expect(reply.headers.get('content-type')).toContain('application/json')
    expect(errorOf(reply).code).toBe('InternalError')
    expect(h.sim.stats().submissions).toBe(0)
  })

  it('throttling: 429 Throttling with the vendor’s message', async () => {
    h = harness()
    const reply = await h.task('any', fault('throttling'))
    expect(reply.status).toBe(429)
    expect(errorOf(reply)).toMatchObject({ code: 'Throttling', message: ERROR_MESSAGES.throttled })
    expect(h.sim.stats().throttled).toBe(1)
  })

  it('slow: waits slowMs, then answers normally', async () => {
    h = harness()
    h.sim.faults.slowMs = 120
    const started = performance.now()
    const reply = await h.submit('x', {}, fault('slow'))
    expect(performance.now() - started).toBeGreaterThanOrEqual(100)
    expect(reply.status).toBe(200)
  })

  it('connection-reset: the body fails as it is read', async () => {
    h = harness()
    const res = await h.sim.fetch(
      new Request(`${h.base}${API_PATHS.task('x')}`, { headers: { Authorization: `Bearer ${KEY}`, [FAULT_HEADER]: 'connection-reset' } }),
    )
    await expect(res.text()).rejects.toThrow(/connection reset/)
  })

  it('task-failed: the task ends FAILED with a code and a message', async () => {
    h = harness()
    const id = taskIdOf(await h.submit('a calm lake', {}, fault('task-failed')))
    const out = await finishedTask(id)
    expect(out).toMatchObject({ task_status: 'FAILED', ...INJECTED_TASK_FAILURE })
  })

  it('data-inspection-failed: FAILED DataInspectionFailed for a task, 400 for a sync call', async () => {
    h = harness()
    const id = taskIdOf(await h.submit('a calm lake', {}, fault('data-inspection-failed')))
    expect(await finishedTask(id)).toMatchObject({ task_status: 'FAILED', code: 'DataInspectionFailed' })
    const sync = await h.t2i('a calm lake', {}, 'qwen-image-plus', fault('data-inspection-failed'))
    expect(sync.status).toBe(400)
    expect(errorOf(sync).code).toBe('DataInspectionFailed')
  })

  it('expired-link: 403 "Request has expired." for a link that is still valid', async () => {
    h = harness()
    const res = await h.sim.fetch(new Request(await oneLink(), fault('expired-link')))
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('Request has expired.')
  })

  it('truncated-image: the whole length declared, half the bytes sent', async () => {
    h = harness()
    const link = await oneLink()
    const whole = await bytesOf(await h.download(link))
    const res = await h.sim.fetch(new Request(link, fault('truncated-image')))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBe(String(whole.byteLength))
    const got = await bytesOf(res)
    expect(got.byteLength).toBe(Math.floor(whole.byteLength / 2))
  })

  it('ignores faults of another stage and unknown names', async () => {
    h = harness()
    expect(parseFaultHeader(' Internal-Error , nope,slow')).toEqual(['internal-error', 'slow'])
    expect((await h.submit('x', {}, fault('expired-link, nope'))).status).toBe(200)
  })
})

describe('faults by configuration (/__admin/config)', () => {
  it('nextFaults: each is taken once, by the next request at its stage', async () => {
    h = harness()
    const res = await h.admin('POST', '/config', { nextFaults: ['expired-link', 'internal-error', 'throttling'] })
    expect(await res.json()).toMatchObject({ nextFaults: ['expired-link', 'internal-error', 'throttling'] })
    expect((await h.submit('x')).status).toBe(500)
    expect((await h.submit('x')).status).toBe(429)
    const id = taskIdOf(await h.submit('x'))
    const out = await finishedTask(id)
    const link = out.results![0]!
    expect('url' in link).toBe(true)
    const url = (link as { url: string }).url
    expect((await h.download(url)).status).toBe(403)
    expect((await h.download(url)).status).toBe(200)
    expect(h.sim.faults.queued).toEqual([])
  })

  it('faults: a rate per name; 1 always, 0 never; reset clears them', async () => {
    h = harness()
    expect((await h.admin('POST', '/config', { faults: { 'internal-error': 1 } })).status).toBe(200)
    for (let i = 0; i < 3; i++) expect((await h.task('x')).status).toBe(500)
    await h.admin('POST', '/config', { faults: { 'internal-error': 0 } })
    expect((await h.task('x')).status).toBe(200)
    await h.admin('POST', '/config', { faults: { throttling: 1 }, nextFaults: ['task-failed'] })
    await h.admin('POST', '/reset')
    expect(h.sim.faults.rates).toEqual({})
    expect(h.sim.faults.queued).toEqual([])
    expect((await h.task('x')).status).toBe(200)
  })

  it('picks by the dice at the given rate', () => {
    let i = 0
    const dice = [0.1, 0.6, 0.3, 0.9]
    const f = new FaultInjector(() => dice[i++ % dice.length]!)
    f.rates = { throttling: 0.5 }
    const hits = Array.from({ length: 4 }, () => f.take('request', undefined).length)
    expect(hits).toEqual([1, 0, 1, 0])
  })

  it('refuses unknown fault names and rates outside 0..1', async () => {
    h = harness()
    for (const bad of [{ faults: { nope: 1 } }, { faults: { slow: 2 } }, { nextFaults: ['nope'] }, { slowMs: -1 }]) {
      const res = await h.admin('POST', '/config', bad)
      expect(res.status, JSON.stringify(bad)).toBe(400)
    }
  })
})

describe('faults over HTTP (standalone simulator)', () => {
  it('connection-reset and truncated-image make a real fetch fail', async () => {
    const sim = createSimulator({ syncMs: 0 })
    const server = serve({ fetch: sim.app.fetch, hostname: '127.0.0.1', port: 0 })
    await once(server, 'listening')
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const auth = { Authorization: `Bearer ${KEY}` }
      const reset = fetch(`${base}/api/v1${API_PATHS.task('x')}`, { headers: { ...auth, [FAULT_HEADER]: 'connection-reset' } })
      await expect(reset.then((r) => r.text())).rejects.toThrow()

      const made = await fetch(`${base}/api/v1${API_PATHS.imageSynthesis}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json', [ASYNC_HEADER]: 'enable' },
        body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'x' } }),
      })
      expect(made.status).toBe(200)
      const sync = await fetch(`${base}/api/v1${API_PATHS.multimodal}`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'qwen-image-plus', input: { messages: [{ role: 'user', content: [{ text: 'x' }] }] } }),
      })
      const link = MultimodalResponse.parse(await sync.json()).output.choices[0]!.message.content[0]!.image
      expect(pngSize(new Uint8Array(await (await fetch(link)).arrayBuffer())).width).toBeGreaterThan(0)
      const cut = fetch(link, { headers: { [FAULT_HEADER]: 'truncated-image' } })
      await expect(cut.then((r) => r.arrayBuffer())).rejects.toThrow()
    } finally {
      sim.close()
      server.close()
      if ('closeAllConnections' in server) server.closeAllConnections()
    }
  })
})
