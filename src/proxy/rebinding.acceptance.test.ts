// @vitest-environment node
/**
 * Acceptance: DNS rebinding. A page on a name that re-resolves to 127.0.0.1 sends its own name
 * as Host and Origin. Every route family (SPA, /api, /api/v1, /simulator) refuses such a request
 * with a JSON 403 before anything runs: 0 upstream calls. Loopback names, IP addresses and a
 * name configured in STUDIO_ALLOWED_HOSTS work, writes included.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isAllowedHost } from '../shared/allowed-hosts.ts'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { REJECTED_BY_HEADER } from '../shared/studio-errors.ts'
import { startStudio, type RunningStudio } from './main.ts'
import { captureFetch, pngDataUrl, rawRequest } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const KEY = 'sk-rebinding-sentinel-4c1d'
const T2I = JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a kite' } })
const EDIT = JSON.stringify({
  model: 'qwen-image-edit-plus',
  input: { messages: [{ role: 'user', content: [{ image: pngDataUrl(512, 512) }, { text: 'make it blue' }] }] },
})
const JSON_TYPE = { 'content-type': 'application/json' }

/** One request of each kind the studio answers: pages, files, its API, the vendor API, the simulator. */
const ROUTES: { family: string; method: string; path: string; headers?: Record<string, string>; body?: string }[] = [
  { family: 'spa', method: 'GET', path: '/' },
  { family: 'spa', method: 'GET', path: '/gallery' },
  { family: 'spa', method: 'GET', path: '/assets/index-B4x9Qz1a.js' },
  { family: 'api', method: 'GET', path: '/api/health' },
  { family: 'api', method: 'GET', path: '/api/config' },
  {
    family: 'api',
    method: 'GET',
    path: `/api/image?url=${encodeURIComponent('https://dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com/x.png')}`,
  },
  { family: 'api', method: 'GET', path: '/api/nothing' },
  {
    family: 'api/v1',
    method: 'POST',
    path: `/api/v1${API_PATHS.imageSynthesis}`,
    headers: { ...JSON_TYPE, [ASYNC_HEADER]: 'enable' },
    body: T2I,
  },
  { family: 'api/v1', method: 'POST', path: `/api/v1${API_PATHS.multimodal}`, headers: JSON_TYPE, body: EDIT },
  { family: 'api/v1', method: 'GET', path: `/api/v1${API_PATHS.task('abc')}` },
  { family: 'api/v1', method: 'POST', path: `/api/v1${API_PATHS.cancel('abc')}` },
  { family: 'api/v1', method: 'GET', path: `/api/v1${API_PATHS.tasks}` },
  { family: 'simulator', method: 'GET', path: '/simulator/__admin/stats' },
  { family: 'simulator', method: 'POST', path: '/simulator/__admin/reset', headers: JSON_TYPE, body: '{}' },
  { family: 'simulator', method: 'POST', path: '/simulator/__admin/config', headers: JSON_TYPE, body: '{"apiKeys":["x"]}' },
  {
    family: 'simulator',
    method: 'POST',
    path: `/simulator/api/v1${API_PATHS.imageSynthesis}`,
    headers: { ...JSON_TYPE, [ASYNC_HEADER]: 'enable', authorization: 'Bearer sim-local-key' },
    body: T2I,
  },
]

/** Names an attacker's page can have; the port is the studio's own. */
const FOREIGN = ['rebind.example', 'localhost.rebind.example', '127.0.0.1.nip.io', 'studio.lan.evil.example', '0.0.0.0']

function dist(): string {
  const dir = temporaryFolder('studio-rebinding-')
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>')
  writeFileSync(join(dir, 'assets', 'index-B4x9Qz1a.js'), 'console.log(1)')
  return dir
}

function jsonOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return null
  }
}

const portOf = (url: string) => new URL(url).port

/** Sends every route with Host (and a matching Origin) `name:port`; returns what did not come back as a JSON 403. */
async function foreignAnswers(studio: RunningStudio, name: string) {
  const host = `${name}:${portOf(studio.url)}`
  const wrong: string[] = []
  for (const route of ROUTES) {
    const res = await rawRequest(`${studio.url}${route.path}`, {
      method: route.method,
      headers: { ...route.headers, host, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' },
      body: route.body,
    })
    const parsed = ErrorBody.safeParse(jsonOr(res.text))
    const ok =
      res.status === 403 &&
      String(res.headers['content-type']).startsWith('application/json') &&
      parsed.success &&
      parsed.data.code === 'HostNotAllowed' &&
      res.headers[REJECTED_BY_HEADER.toLowerCase()] === 'gateway'
    if (!ok) wrong.push(`${route.method} ${route.path} with Host ${host}: ${res.status} ${res.text.slice(0, 80)}`)
  }
  return wrong
}

describe('acceptance: DNS rebinding', () => {
  const upstream = captureFetch()
  let live: RunningStudio
  let sim: RunningStudio
  const lines: string[] = []

  beforeAll(async () => {
    const env = { HOST: '127.0.0.1', PORT: '0', STUDIO_ALLOWED_HOSTS: 'studio.lan, .team.example', SIMULATOR_ADMIN: '1' }
    live = await startStudio({ ...env, DASHSCOPE_API_KEY: KEY }, { fetch: upstream.fetch, log: (l) => lines.push(l), distDir: dist() })
    sim = await startStudio({ ...env, SIMULATOR_QUEUE_MS: '5' }, { log: (l) => lines.push(l), distDir: dist() })
  })
  afterAll(async () => {
    await live?.close()
    await sim?.close()
  })

  it(
    'refuses a foreign Host on every route with a JSON 403, also with a matching Origin: 0 upstream calls',
    { timeout: 30_000 },
    async () => {
      const wrong: string[] = []
      for (const name of FOREIGN) wrong.push(...(await foreignAnswers(live, name)), ...(await foreignAnswers(sim, name)))
      const sent = FOREIGN.length * ROUTES.length * 2
      // The simulator counts every /api/v1 request it sees, and still takes its default key.
      const stats = await rawRequest(`${sim.url}/simulator/__admin/stats`)
      const simRequests = (JSON.parse(stats.text) as { requests: number }).requests
      const families = [...new Set(ROUTES.map((r) => r.family))]
      console.log(
        `rebinding: ${sent} requests with a foreign Host and matching Origin (${FOREIGN.length} names × ${ROUTES.length} routes in ` +
          `${families.join(', ')} × live and simulator), ${sent - wrong.length} refused 403 HostNotAllowed, ` +
          `upstream calls ${upstream.calls.length}, simulator API requests ${simRequests}`,
      )
      expect(wrong).toEqual([])
      expect(upstream.calls).toHaveLength(0)
      expect(simRequests).toBe(0)
      expect(lines.join('\n')).not.toContain(KEY)
    },
  )

  it('answers loopback names, IP addresses and STUDIO_ALLOWED_HOSTS names, writes included', { timeout: 30_000 }, async () => {
    const names = ['localhost', '127.0.0.1', '[::1]', 'studio.lan', 'STUDIO.LAN', 'a.team.example', 'app.localhost', '192.168.1.20']
    const answers: string[] = []
    for (const name of names) {
      const host = `${name}:${portOf(live.url)}`
      const page = await rawRequest(`${live.url}/`, { headers: { host } })
      const health = await rawRequest(`${live.url}/api/health`, { headers: { host } })
      const post = await rawRequest(`${live.url}/api/v1${API_PATHS.imageSynthesis}`, {
        method: 'POST',
        headers: { ...JSON_TYPE, [ASYNC_HEADER]: 'enable', host, origin: `http://${host.toLowerCase()}` },
        body: T2I,
      })
      answers.push(`${name} ${page.status}/${health.status}/${post.status}`)
    }
    console.log(`rebinding: allowed hosts (page/health/POST): ${answers.join(', ')}; upstream calls ${upstream.calls.length}`)
    expect(answers).toEqual(names.map((n) => `${n} 200/200/200`))
    expect(upstream.calls).toHaveLength(names.length)
    expect(upstream.calls.every((c) => c.headers.get('authorization') === `Bearer ${KEY}`)).toBe(true)
  })
})

describe('isAllowedHost', () => {
  it('knows loopback, IPs, the bound HOST and configured names, and nothing else', () => {
    const allowed = ['studio-box', 'studio.lan', '.team.example']
    for (const host of [
      'localhost:8787',
      '127.0.0.1',
      '[::1]:1',
      'studio-box:8787',
      'Studio.Lan',
      'x.team.example',
      'team.example',
      '10.0.0.5:80',
    ])
      expect([host, isAllowedHost(host, allowed)]).toEqual([host, true])
    for (const host of [
      undefined,
      '',
      'rebind.example',
      'studiolan',
      'evilteam.example',
      '0.0.0.0:8787',
      '[::]:8787',
      'a b',
      'x@localhost',
      'localhost/x',
    ])
      expect([host, isAllowedHost(host, allowed)]).toEqual([host, false])
  })
})
