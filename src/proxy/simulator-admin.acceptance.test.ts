// @vitest-environment node
/**
 * Acceptance: the simulator's admin routes cannot be driven by another site. A page can send a
 * "simple" cross-site POST (text/plain, a form, no body) without a CORS preflight; to every admin
 * route, through the studio and on a standalone simulator, each is refused and the simulator's
 * state (keys, faults, tasks, counters) is unchanged. Off by default, the routes do not answer.
 */
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { createSimulator } from '../simulator/create-simulator.ts'
import { startStudio, type RunningStudio } from './main.ts'
import { rawRequest } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const ROUTES = [
  { path: '/config', body: '{"apiKeys":["evil-key"],"nextFaults":["internal-error"],"faults":{"throttling":1},"queueMs":999999}' },
  { path: '/reset', body: '{}' },
  { path: '/stats', body: '{}' },
]

/** What a page on another site can send without a preflight, and a few near misses. */
function attacks(host: string): { name: string; headers: Record<string, string>; noBody?: boolean }[] {
  const evil = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }
  return [
    { name: 'text/plain', headers: { ...evil, 'content-type': 'text/plain;charset=UTF-8' } },
    { name: 'form', headers: { ...evil, 'content-type': 'application/x-www-form-urlencoded' } },
    { name: 'multipart', headers: { ...evil, 'content-type': 'multipart/form-data; boundary=x' } },
    { name: 'no body', headers: evil, noBody: true },
    { name: 'text/plain, no fetch metadata', headers: { 'content-type': 'text/plain' } },
    { name: 'sandboxed (Origin null)', headers: { origin: 'null', 'content-type': 'text/plain' } },
    {
      name: 'same-site sibling',
      headers: { origin: `http://other.localhost:${host.split(':')[1]}`, 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
    },
    { name: 'JSON from another origin', headers: { ...evil, 'content-type': 'application/json' } },
    {
      name: 'JSON by DNS rebinding',
      headers: {
        host: `rebind.example:${host.split(':')[1]}`,
        origin: `http://rebind.example:${host.split(':')[1]}`,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
    },
  ]
}

async function adminCall(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return rawRequest(`${base}/__admin${path}`, { method: init.method ?? 'POST', headers: init.headers, body: init.body })
}

/** Options, faults and counters, read the way the tests read them (same origin, JSON). */
async function stateOf(base: string): Promise<string> {
  const config = await adminCall(base, '/config', { headers: { 'content-type': 'application/json' }, body: '{}' })
  const stats = await adminCall(base, '/stats', { method: 'GET' })
  expect([config.status, stats.status]).toEqual([200, 200])
  return `${config.text} ${stats.text}`
}

/** Every attack on every route: the answers that were not a JSON 4xx. */
async function attack(base: string) {
  const host = new URL(base).host
  const wrong: string[] = []
  let sent = 0
  for (const route of ROUTES)
    for (const a of attacks(host)) {
      sent++
      const res = await adminCall(base, route.path, { headers: a.headers, body: a.noBody ? undefined : route.body })
      const json = (() => {
        try {
          return ErrorBody.safeParse(JSON.parse(res.text)).success
        } catch {
          return false
        }
      })()
      if (!(res.status >= 400 && res.status < 500 && json)) wrong.push(`${route.path} ${a.name}: ${res.status} ${res.text.slice(0, 60)}`)
    }
  return { sent, wrong }
}

describe('acceptance: simulator admin', () => {
  let studio: RunningStudio
  let off: RunningStudio
  const standalone = createSimulator({ admin: true, queueMs: 5, runMs: 5 })
  const server = serve({ fetch: standalone.app.fetch, hostname: '127.0.0.1', port: 0 })
  let standaloneBase = ''

  beforeAll(async () => {
    const dist = temporaryFolder('studio-admin-')
    writeFileSync(join(dist, 'index.html'), '<!doctype html>')
    const env = { HOST: '127.0.0.1', PORT: '0', SIMULATOR_QUEUE_MS: '5', SIMULATOR_RUN_MS: '5' }
    studio = await startStudio({ ...env, SIMULATOR_ADMIN: '1' }, { log: () => {}, distDir: dist })
    off = await startStudio(env, { log: () => {}, distDir: dist })
    if (!server.listening) await once(server, 'listening')
    standaloneBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await studio?.close()
    await off?.close()
    standalone.close()
    await new Promise((resolve) => server.close(resolve))
  })

  it('refuses cross-site simple POSTs to every admin route and changes nothing', { timeout: 30_000 }, async () => {
    // Some state worth protecting: a task and counters.
    const submitted = await rawRequest(`${studio.url}/api/v1${API_PATHS.imageSynthesis}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ASYNC_HEADER]: 'enable' },
      body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a kite' } }),
    })
    expect(submitted.status).toBe(200)
    const results: string[] = []
    for (const [name, base] of [
      ['studio /simulator', `${studio.url}/simulator`],
      ['standalone simulator', standaloneBase],
    ] as const) {
      const before = await stateOf(base)
      const { sent, wrong } = await attack(base)
      const after = await stateOf(base)
      results.push(`${name}: ${sent - wrong.length}/${sent} refused, state ${before === after ? 'unchanged' : 'CHANGED'}`)
      expect(wrong).toEqual([])
      expect(after).toBe(before)
    }
    // The studio still works with the simulator's own key (it was not replaced).
    const again = await rawRequest(`${studio.url}/api/v1${API_PATHS.imageSynthesis}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [ASYNC_HEADER]: 'enable' },
      body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a second kite' } }),
    })
    console.log(
      `simulator admin: ${ROUTES.length} routes × ${attacks('x:1').length} cross-site kinds (${attacks('x:1')
        .map((a) => a.name)
        .join(', ')}); ${results.join('; ')}; a studio request afterwards: ${again.status}`,
    )
    expect(again.status).toBe(200)
  })

  it('is off unless SIMULATOR_ADMIN=1: every admin route answers 404, even same-origin JSON', async () => {
    const statuses: number[] = []
    for (const route of ROUTES) {
      const res = await adminCall(`${off.url}/simulator`, route.path, { headers: { 'content-type': 'application/json' }, body: route.body })
      statuses.push(res.status)
      expect(res.text).toContain('SIMULATOR_ADMIN=1')
    }
    console.log(`simulator admin off by default: ${ROUTES.map((r, i) => `${r.path} ${statuses[i]}`).join(', ')}`)
    expect(statuses).toEqual(ROUTES.map(() => 404))
  })
})
