// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ErrorBody } from '../shared/schemas.ts'
import { ACCESS_HEADER } from './access-token.ts'
import { createGateway } from './create-gateway.ts'
import { isLoopbackHost, parseServerConfig, ServerConfigError } from './server-config.ts'
import { serveSpa } from './static-files.ts'
import { startStudio } from './main.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const TOKEN = 'team-token-4b1d9e0c77a2f3e8'
const ORIGIN = 'http://192.168.1.20:8787'

function dist(): string {
  const dir = temporaryFolder('studio-token-')
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>')
  return dir
}

function studio() {
  const lines: string[] = []
  const upstream = captureFetch()
  const app = createGateway({
    mode: 'live',
    region: 'singapore',
    apiKey: 'sk-test',
    fetch: upstream.fetch,
    accessToken: TOKEN,
    log: (l) => lines.push(l),
  })
  serveSpa(app, dist())
  const request = (path: string, init?: RequestInit) => app.request(`${ORIGIN}${path}`, init)
  return { request, lines, upstream }
}

describe('STUDIO_ACCESS_TOKEN settings', () => {
  it('is required when HOST is not loopback, with a message that says why and what to do', () => {
    for (const host of ['0.0.0.0', '192.168.1.20', '::', 'studio.example.com']) {
      try {
        parseServerConfig({ HOST: host })
        expect.unreachable(host)
      } catch (error) {
        expect(error).toBeInstanceOf(ServerConfigError)
        expect((error as Error).message).toContain('set STUDIO_ACCESS_TOKEN')
      }
    }
    expect(parseServerConfig({ HOST: '0.0.0.0', STUDIO_ACCESS_TOKEN: TOKEN }).accessToken).toBe(TOKEN)
  })

  it('is optional on loopback', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true)
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.example.com']) expect(isLoopbackHost(host), host).toBe(false)
    expect(parseServerConfig({}).accessToken).toBeUndefined()
  })

  it('must be at least 16 characters', () => {
    expect(() => parseServerConfig({ HOST: '0.0.0.0', STUDIO_ACCESS_TOKEN: 'short' })).toThrow(/at least 16 characters/)
  })

  it('keeps the server from starting on the network without it', async () => {
    await expect(startStudio({ HOST: '0.0.0.0', PORT: '0' }, { log: () => {}, distDir: dist() })).rejects.toThrow(/STUDIO_ACCESS_TOKEN/)
  })
})

describe('requests with STUDIO_ACCESS_TOKEN set', () => {
  it('refuses API calls without the token: 401 JSON, nothing forwarded', async () => {
    const { request, upstream } = studio()
    const paths = ['/api/config', '/api/v1/tasks/x', '/api/image?url=x', '/simulator/__admin/stats']
    for (const path of paths) {
      const res = await request(path)
      expect(res.status, path).toBe(401)
      expect(ErrorBody.parse(await res.json()).code).toBe('Unauthorized')
    }
    console.log(`token gate: ${paths.length} routes without the token answered 401 Unauthorized, ${upstream.calls.length} upstream calls`)
    expect(upstream.calls).toHaveLength(0)
  })

  it('refuses pages without the token, saying to open the link', async () => {
    const res = await studio().request('/')
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('?token=')
  })

  it('answers /api/health without it', async () => {
    expect((await studio().request('/api/health')).status).toBe(200)
  })

  it('the link sets an HttpOnly, SameSite=Strict cookie and redirects to the page without the token', async () => {
    const { request, lines } = studio()
    const res = await request(`/gallery?view=grid&token=${TOKEN}`)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/gallery?view=grid')
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Strict/i)
    const pair = cookie.split(';')[0]!
    expect((await request('/', { headers: { cookie: pair } })).status).toBe(200)
    expect((await request('/api/config', { headers: { cookie: pair } })).status).toBe(200)
    expect(lines.join('\n')).not.toContain(TOKEN)
  })

  it('refuses a wrong token in the link, and sets no cookie', async () => {
    const res = await studio().request(`/?token=${TOKEN.slice(0, -1)}x`)
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it(`takes the token from ${ACCESS_HEADER} or Authorization: Bearer`, async () => {
    const { request } = studio()
    expect((await request('/api/config', { headers: { [ACCESS_HEADER]: TOKEN } })).status).toBe(200)
    expect((await request('/api/config', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200)
    expect((await request('/api/config', { headers: { [ACCESS_HEADER]: 'wrong-token-000000000' } })).status).toBe(401)
  })

  it('does not forward the token upstream', async () => {
    const { request, upstream } = studio()
    await request('/api/v1/tasks/abc', { headers: { Authorization: `Bearer ${TOKEN}`, [ACCESS_HEADER]: TOKEN } })
    expect(upstream.calls).toHaveLength(1)
    expect(JSON.stringify(Object.fromEntries(upstream.calls[0]!.headers))).not.toContain(TOKEN)
  })
})
