// @vitest-environment node
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createGateway } from './create-gateway.ts'
import { serveSpa } from './static-files.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

function app() {
  const dist = temporaryFolder('studio-headers-')
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>')
  writeFileSync(join(dist, 'assets', 'index-B4x9Qz1a.js'), 'console.log(1)')
  const png = () => new Response(new Uint8Array([0x89, 0x50]), { headers: { 'content-type': 'image/png' } })
  const gateway = createGateway({ mode: 'live', region: 'singapore', apiKey: 'sk-test', fetch: captureFetch(png).fetch })
  serveSpa(gateway, dist)
  return gateway
}

function directives(csp: string | null): Record<string, string> {
  return Object.fromEntries(
    (csp ?? '').split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name!, values.join(' ')]
    }),
  )
}

describe('security headers on the served SPA', () => {
  it.each(['/', '/gallery', '/assets/index-B4x9Qz1a.js'])(
    '%s: CSP without inline scripts, nosniff, no referrer, no framing',
    async (path) => {
      const res = await app().request(path)
      expect(res.status).toBe(200)
      const csp = directives(res.headers.get('content-security-policy'))
      expect(csp['script-src']).toBe("'self'")
      expect(csp['script-src']).not.toContain('unsafe-inline')
      expect(csp['style-src']).toBe("'self'")
      expect(csp['img-src']).toBe("'self' blob: data:")
      expect(csp['connect-src']).toBe("'self'")
      expect(csp['object-src']).toBe("'none'")
      expect(csp['frame-ancestors']).toBe("'none'")
      expect(csp['default-src']).toBe("'self'")
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('strict-transport-security')).toBeNull()
    },
  )

  it('leaves the result images their own sandboxing CSP', async () => {
    const url = 'https://dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com/x.png'
    const res = await app().request(`/api/image?url=${encodeURIComponent(url)}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox")
  })
})
