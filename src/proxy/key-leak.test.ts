// @vitest-environment node
/**
 * The key never leaks: not into the built bundle, not into any response (body or header) of any
 * route, errors included, and not into any log line. A sentinel key makes every leak findable.
 */
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { startStudio } from './main.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const SENTINEL = 'sk-LEAK-SENTINEL-9d8c7b6a5f4e3d2c1b0a'
const ROOT = fileURLToPath(new URL('../..', import.meta.url))

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesBelow(path) : [path]
  })
}

describe('the key never leaks', () => {
  it(
    'is not in the built bundle (nor any sk- key, nor a read of the variable); index.html has no inline script',
    { timeout: 120_000 },
    async () => {
      const outDir = temporaryFolder('studio-bundle-')
      const saved = process.env.DASHSCOPE_API_KEY
      process.env.DASHSCOPE_API_KEY = SENTINEL
      try {
        const { build } = await import('vite')
        await build({ root: ROOT, logLevel: 'silent', build: { outDir, emptyOutDir: true } })
        const files = filesBelow(outDir)
        expect(files.some((f) => f.endsWith('.js'))).toBe(true)
        const offenders = files.filter((f) => {
          const text = readFileSync(f, 'latin1')
          // Not the key, nothing shaped like one, not even the variable's name.
          return text.includes(SENTINEL) || /\bsk-[A-Za-z0-9]{16,}/.test(text) || text.includes('DASHSCOPE_API_KEY')
        })
        console.log(`bundle scan: ${files.length} files, ${offenders.length} with the key, an sk- key or the name DASHSCOPE_API_KEY`)
        expect(offenders).toEqual([])
        const index = readFileSync(join(outDir, 'index.html'), 'utf8')
        // Every script is external (src=), and no inline style, so the CSP needs no 'unsafe-inline'.
        expect(index.match(/<script\b[^>]*>/g)?.every((tag) => / src="\/assets\//.test(tag))).toBe(true)
        expect(index).not.toMatch(/<style\b|\sstyle="/)
      } finally {
        if (saved === undefined) delete process.env.DASHSCOPE_API_KEY
        else process.env.DASHSCOPE_API_KEY = saved
        rmSync(outDir, { recursive: true, force: true })
      }
    },
  )

  it('is in no response body or header and no log line, on every route, errors included', { timeout: 30_000 }, async () => {
    const dist = temporaryFolder('studio-leak-')
    writeFileSync(join(dist, 'index.html'), '<!doctype html>')
    // The worst upstream: it echoes what it was sent (the Authorization header) in bodies and headers.
    let mode = 'ok'
    const upstream = captureFetch((request) => {
      const auth = request.headers.get('authorization') ?? ''
      const echo = { 'x-echo': auth }
      if (mode === 'throw') throw new TypeError(`fetch failed for ${auth}`)
      if (mode === 'text') return new Response(`oops ${auth}`, { status: 500, headers: echo })
      if (mode === 'image')
        return new Response(new Uint8Array([0x89, 0x50]), { headers: { 'content-type': 'image/png', 'content-length': '2' } })
      return Response.json({ request_id: auth, code: 'InvalidApiKey', message: `bad key ${auth}` }, { status: 401, headers: echo })
    })
    const lines: string[] = []
    const studio = await startStudio(
      { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: SENTINEL },
      { fetch: upstream.fetch, log: (l) => lines.push(l), distDir: dist },
    )
    const responses: string[] = []
    const call = async (path: string, init?: RequestInit) => {
      const res = await fetch(`${studio.url}${path}`, init)
      responses.push(`${res.status} ${JSON.stringify([...res.headers])} ${await res.text().catch((e: unknown) => String(e))}`)
    }
    const json = { 'content-type': 'application/json' }
    const t2i = JSON.stringify({ model: 'qwen-image-plus', input: { messages: [{ role: 'user', content: [{ text: 'x' }] }] } })
    const task = JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'x' } })
    const result = 'https://dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com/x.png'
    try {
      for (mode of ['ok', 'text', 'throw', 'image']) {
        await call(`/api/v1${API_PATHS.multimodal}`, { method: 'POST', headers: json, body: t2i })
        await call(`/api/v1${API_PATHS.imageSynthesis}`, { method: 'POST', headers: { ...json, [ASYNC_HEADER]: 'enable' }, body: task })
        await call(`/api/v1${API_PATHS.task('abc')}`)
        await call(`/api/v1${API_PATHS.cancel('abc')}`, { method: 'POST' })
        await call(`/api/v1${API_PATHS.tasks}?page_no=1`)
        await call(`/api/image?url=${encodeURIComponent(result)}`)
      }
      await call(`/api/v1${API_PATHS.multimodal}`, { method: 'POST', headers: json, body: '{bad' })
      await call(`/api/v1${API_PATHS.multimodal}`, { method: 'PUT' })
      await call('/api/v1/nope')
      await call('/api/image?url=https://evil.com/x.png')
      await call('/api/config')
      await call('/api/health')
      await call('/simulator/__admin/stats')
      await call('/')
      await call('/assets/missing.js')
      await call(`/?key=${SENTINEL}`)
    } finally {
      await studio.close()
    }
    expect(upstream.calls.length).toBeGreaterThan(10)
    // The key did go upstream (so the scan is meaningful)…
    const apiCalls = upstream.calls.filter((c) => c.url.includes('/api/v1/'))
    expect(apiCalls.length).toBeGreaterThan(10)
    expect(apiCalls.every((c) => c.headers.get('authorization') === `Bearer ${SENTINEL}`)).toBe(true)
    // (the result host never gets it)
    expect(upstream.calls.filter((c) => !c.url.includes('/api/v1/')).every((c) => !c.headers.has('authorization'))).toBe(true)
    // …and came back nowhere.
    const leaks = [...responses, ...lines].filter((text) => text.includes(SENTINEL))
    console.log(`key scan: ${responses.length} responses and ${lines.length} log lines, ${leaks.length} with the key`)
    expect(leaks).toEqual([])
  })
})
