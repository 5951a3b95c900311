// @vitest-environment node
/**
 * The smaller holes of the second security round, over real sockets: the cancel path takes no
 * body (a declared one is refused unread and never forwarded), JSON error answers are never
 * sniffed, and the request log cuts long paths.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { LOGGED_PATH_CHARS } from './request-guards.ts'
import { startStudio, type RunningStudio } from './main.ts'
import { captureFetch, rawRequest } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const upstream = captureFetch((request) =>
  request.url.includes('/cancel')
    ? Response.json({ request_id: 'r1', output: { task_id: 't1', task_status: 'CANCELED' } })
    : Response.json({ request_id: 'r2', code: 'InvalidParameter', message: 'upstream says no' }, { status: 400 }),
)
const lines: string[] = []
let studio: RunningStudio

beforeAll(async () => {
  const dist = temporaryFolder('studio-small-')
  writeFileSync(join(dist, 'index.html'), '<!doctype html>')
  studio = await startStudio(
    { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: 'sk-small-hardening' },
    { fetch: upstream.fetch, log: (l) => lines.push(l), distDir: dist },
  )
})
afterAll(() => studio?.close())

describe('the cancel path', () => {
  it('refuses a declared body unread (with a length or chunked) and forwards a bodiless cancel', { timeout: 20_000 }, async () => {
    const cancel = `${studio.url}/api/v1${API_PATHS.cancel('t1')}`
    const big = Buffer.alloc(20 * 1024 * 1024, 'x')
    const withLength = await rawRequest(cancel, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: big })
    const chunked = await rawRequest(cancel, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: '{}',
    })
    const callsAfterBodies = upstream.calls.length
    const plain = await rawRequest(cancel, { method: 'POST' })
    console.log(
      `cancel: 20 MB body ${withLength.status}, chunked body ${chunked.status}, upstream calls for them ${callsAfterBodies}; ` +
        `no body ${plain.status}, forwarded with ${upstream.calls[0]?.body.byteLength ?? '-'} body bytes`,
    )
    expect([withLength.status, chunked.status]).toEqual([400, 400])
    const refused = JSON.parse(withLength.text) as { code: string; message: string }
    expect(refused.code).toBe('InvalidParameter')
    expect(refused.message).toContain('no request body')
    expect(callsAfterBodies).toBe(0)
    expect(plain.status).toBe(200)
    expect(upstream.calls).toHaveLength(1)
    expect(upstream.calls[0]!.body.byteLength).toBe(0)
  })
})

describe('JSON error answers', () => {
  it('carry X-Content-Type-Options: nosniff, the gateway’s own and relayed ones', async () => {
    const answers = {
      'unknown route': await rawRequest(`${studio.url}/api/nothing`),
      'foreign Host': await rawRequest(`${studio.url}/api/health`, { headers: { host: 'rebind.example' } }),
      'wrong method': await rawRequest(`${studio.url}/api/config`, { method: 'DELETE' }),
      'not JSON': await rawRequest(`${studio.url}/api/v1${API_PATHS.imageSynthesis}`, {
        method: 'POST',
        headers: { 'content-type': 'text/html', [ASYNC_HEADER]: 'enable' },
        body: '<script>alert(1)</script>',
      }),
      'relayed upstream error': await rawRequest(`${studio.url}/api/v1${API_PATHS.imageSynthesis}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ASYNC_HEADER]: 'enable' },
        body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a kite' } }),
      }),
    }
    const missing = Object.entries(answers)
      .filter(([, a]) => !(a.status >= 400 && a.headers['x-content-type-options'] === 'nosniff'))
      .map(([name, a]) => `${name}: ${a.status} ${String(a.headers['x-content-type-options'])}`)
    console.log(`nosniff: ${Object.keys(answers).length - missing.length}/${Object.keys(answers).length} JSON error answers carry it`)
    expect(missing).toEqual([])
  })
})

describe('the request log', () => {
  it(`cuts paths to ${LOGGED_PATH_CHARS} characters`, async () => {
    const path = `/api/${'a'.repeat(3000)}`
    await rawRequest(`${studio.url}${path}`)
    const line = lines.find((l) => l.startsWith('GET /api/aaa'))!
    console.log(`request log: a ${path.length}-character path logged in a ${line.length}-character line`)
    expect(line.length).toBeLessThan(LOGGED_PATH_CHARS + 60)
    expect(line).toContain(`(${path.length} characters)`)
  })
})
