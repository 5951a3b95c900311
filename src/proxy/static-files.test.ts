// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createGateway } from './create-gateway.ts'
import { serveSpa } from './static-files.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const INDEX = '<!doctype html><div id="root"></div>'

function builtSpa(): string {
  const dist = temporaryFolder('studio-dist-')
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), INDEX)
  writeFileSync(join(dist, 'assets', 'index-B4x9Qz1a.js'), 'console.log(1)')
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>')
  return dist
}

function studio(dist: string) {
  const app = createGateway({ mode: 'live', region: 'singapore', apiKey: 'sk-test', fetch: captureFetch().fetch })
  serveSpa(app, dist)
  return app
}

describe('serveSpa', () => {
  const app = studio(builtSpa())

  it('serves index.html at / and for every page path, revalidated each time', async () => {
    for (const path of ['/', '/gallery', '/gallery/3f2a', '/edit?x=1']) {
      const res = await app.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toBe(INDEX)
    }
  })

  it('serves hashed assets with a year-long immutable cache', async () => {
    const res = await app.request('/assets/index-B4x9Qz1a.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('javascript')
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
  })

  it('answers 404 for a missing asset rather than index.html', async () => {
    const res = await app.request('/assets/gone-123.js')
    expect(res.status).toBe(404)
  })

  it('serves files from public/ as they are', async () => {
    const res = await app.request('/favicon.svg')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('<svg/>')
  })

  it('never answers API paths with index.html', async () => {
    for (const path of ['/api/nothing', '/api/v1/unknown', '/simulator/results/x.png']) {
      const res = await app.request(path)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/json')
    }
  })

  it('refuses paths that climb out of dist', async () => {
    const climbs = [
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/..%5c..%5c..%5cetc%5cpasswd',
      '/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    ]
    let served = 0
    for (const path of climbs) if ((await (await app.request(path)).text()).includes('root:')) served++
    console.log(`path traversal: ${climbs.length} climbs out of dist, ${served} served a file outside it`)
    expect(served).toBe(0)
  })

  it('says how to build when dist/ is missing', async () => {
    const res = await studio(join(tmpdir(), 'studio-no-dist-here')).request('/')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build')
  })
})
