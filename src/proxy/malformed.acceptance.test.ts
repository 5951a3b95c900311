// @vitest-environment node
/**
 * Acceptance: 1,000 generated malformed requests to a running studio server (real sockets) are
 * all answered 4xx with a JSON error, none reaches the upstream, and the server is still up.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { startStudio } from './main.ts'
import { malformedRequests, oversizeRequest, type MalformedRequest } from '../testing/malformed-requests.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const SEED = 20251030
const COUNT = 1000
const OVERSIZE = 3
const KEY = 'sk-acceptance-sentinel-7f3a9c'

function isJsonError(type: string | null, text: string): boolean {
  if (!type?.includes('application/json')) return false
  try {
    return ErrorBody.safeParse(JSON.parse(text)).success
  } catch {
    return false
  }
}

async function answer(base: string, r: MalformedRequest) {
  const res = await fetch(`${base}${r.path}`, r.init)
  const text = await res.text()
  return { kind: r.kind, status: res.status, json: isJsonError(res.headers.get('content-type'), text) }
}

describe('acceptance: malformed requests', () => {
  it(`answers ${COUNT} generated malformed requests with 4xx JSON, without an upstream call`, { timeout: 60_000 }, async () => {
    const dist = temporaryFolder('studio-malformed-')
    writeFileSync(join(dist, 'index.html'), '<!doctype html>')
    const upstream = captureFetch()
    const lines: string[] = []
    const studio = await startStudio(
      { HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: KEY },
      { fetch: upstream.fetch, log: (l) => lines.push(l), distDir: dist },
    )
    try {
      const requests = [...malformedRequests(SEED, COUNT - OVERSIZE), ...Array.from({ length: OVERSIZE }, oversizeRequest)]
      expect(requests).toHaveLength(COUNT)
      const results: Awaited<ReturnType<typeof answer>>[] = []
      for (let i = 0; i < requests.length; i += 25)
        results.push(...(await Promise.all(requests.slice(i, i + 25).map((r) => answer(studio.url, r)))))

      const good = results.filter((r) => r.status >= 400 && r.status < 500 && r.json)
      const byStatus: Record<number, number> = {}
      for (const r of results) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1
      const kinds = new Set(results.map((r) => r.kind.split(':')[0]))

      // Still up: health answers and a valid request is forwarded (the one upstream call).
      const upstreamCallsForMalformed = upstream.calls.length
      const health = await fetch(`${studio.url}/api/health`)
      const valid = await fetch(`${studio.url}/api/v1${API_PATHS.imageSynthesis}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [ASYNC_HEADER]: 'enable' },
        body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a kite' } }),
      })
      const up = health.status === 200 && valid.status === 200 && upstream.calls.length === 1

      console.log(
        `malformed requests: ${results.length} sent, ${good.length} answered 4xx JSON, ` +
          `${upstreamCallsForMalformed} upstream calls, server ${up ? 'up' : 'DOWN'} ` +
          `(seed ${SEED}; kinds: ${[...kinds].join(', ')}; by status: ${Object.entries(byStatus)
            .map(([s, n]) => `${s}×${n}`)
            .join(', ')})`,
      )
      expect(results.filter((r) => !(r.status >= 400 && r.status < 500 && r.json)).slice(0, 5)).toEqual([])
      expect(good).toHaveLength(COUNT)
      expect(upstreamCallsForMalformed).toBe(0)
      expect(up).toBe(true)
      expect(lines.join('\n')).not.toContain(KEY)
    } finally {
      await studio.close()
    }
  })
})
