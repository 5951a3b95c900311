// @vitest-environment node
/** Every fault the simulator can inject, as the browser sees it through the gateway: a JSON error, never a crash. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { isRetryable } from '../shared/errors.ts'
import { ErrorBody, TaskCreatedResponse, TaskQueryResponse, type TaskOutput } from '../shared/schemas.ts'
import { REJECTED_BY_HEADER } from '../shared/studio-errors.ts'
import { createSimulator, type Simulator } from '../simulator/create-simulator.ts'
import { FAULT_HEADER, type FaultName } from '../simulator/faults.ts'
import { createGateway } from './create-gateway.ts'
import { startStudio } from './main.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const ORIGIN = 'http://127.0.0.1:8787'
const RESULT = 'https://dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com/1d/result.png?Expires=1&Signature=ab'

let simulator: Simulator | undefined
afterEach(() => simulator?.close())

function studio(timeouts = {}) {
  simulator = createSimulator({ basePath: '/simulator', queueMs: 5, runMs: 10, extendMs: 0, syncMs: 5 })
  const lines: string[] = []
  const app = createGateway({ mode: 'simulator', region: 'singapore', simulator, log: (l) => lines.push(l), timeouts })
  const request = (path: string, init?: RequestInit) => app.request(`${ORIGIN}${path}`, init)
  return { request, simulator, lines }
}

const submit = (headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', [ASYNC_HEADER]: 'enable', ...headers },
  body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a lighthouse' }, parameters: { size: '1328*1328' } }),
})

async function jsonError(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/json')
  return ErrorBody.parse(await res.json())
}

async function finished(request: ReturnType<typeof studio>['request'], taskId: string): Promise<TaskOutput> {
  for (let i = 0; i < 200; i++) {
    const { output } = TaskQueryResponse.parse(await (await request(`/api/v1${API_PATHS.task(taskId)}`)).json())
    if (!['PENDING', 'RUNNING'].includes(output.task_status)) return output
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the task did not finish')
}

async function oneResultLink(s: ReturnType<typeof studio>): Promise<string> {
  const created = TaskCreatedResponse.parse(await (await s.request(`/api/v1${API_PATHS.imageSynthesis}`, submit())).json())
  const out = await finished(s.request, created.output.task_id)
  return (out.results![0] as { url: string }).url
}

describe('injected faults through the gateway', () => {
  it.each<[FaultName, number, string]>([
    ['internal-error', 500, 'InternalError'],
    ['throttling', 429, 'Throttling'],
    ['connection-reset', 502, 'UpstreamUnavailable'],
  ])('%s on a submission: %i %s in JSON, which the client retries', async (fault, status, code) => {
    const s = studio()
    s.simulator.faults.queue([fault])
    const res = await s.request(`/api/v1${API_PATHS.imageSynthesis}`, submit())
    expect(res.status).toBe(status)
    expect((await jsonError(res)).code).toBe(code)
    expect(isRetryable(code, status)).toBe(true)
    // …and the retry lands.
    expect((await s.request(`/api/v1${API_PATHS.imageSynthesis}`, submit())).status).toBe(200)
  })

  it('slow beyond the deadline: 504 UpstreamTimeout', async () => {
    const s = studio({ defaultMs: 50 })
    s.simulator.faults.slowMs = 500
    s.simulator.faults.queue(['slow'])
    const res = await s.request(`/api/v1${API_PATHS.imageSynthesis}`, submit())
    expect(res.status).toBe(504)
    expect((await jsonError(res)).code).toBe('UpstreamTimeout')
  })

  it.each<[FaultName, string]>([
    ['task-failed', 'InternalError'],
    ['data-inspection-failed', 'DataInspectionFailed'],
  ])('%s: the task reads FAILED with code %s and a message', async (fault, code) => {
    const s = studio()
    s.simulator.faults.queue([fault])
    const created = TaskCreatedResponse.parse(await (await s.request(`/api/v1${API_PATHS.imageSynthesis}`, submit())).json())
    const out = await finished(s.request, created.output.task_id)
    expect(out.task_status).toBe('FAILED')
    expect(out.code).toBe(code)
    expect(out.message?.length).toBeGreaterThan(10)
  })

  it('expired-link: 410 LinkExpired', async () => {
    const s = studio()
    const link = await oneResultLink(s)
    s.simulator.faults.queue(['expired-link'])
    const res = await s.request(`/api/image?url=${encodeURIComponent(link)}`)
    expect(res.status).toBe(410)
    expect((await jsonError(res)).code).toBe('LinkExpired')
  })

  it('truncated-image: never a short body passed as success; the stream fails and the log says why', async () => {
    const s = studio()
    const link = await oneResultLink(s)
    s.simulator.faults.queue(['truncated-image'])
    const res = await s.request(`/api/image?url=${encodeURIComponent(link)}`)
    await expect(res.arrayBuffer()).rejects.toThrow(/cut short/)
    expect(s.lines.some((l) => /relay from the embedded simulator failed: image cut short/.test(l))).toBe(true)
  })

  it('does not forward X-Simulator-Fault from the browser (only the simulator honours it)', async () => {
    const s = studio()
    const res = await s.request(`/api/v1${API_PATHS.imageSynthesis}`, submit({ [FAULT_HEADER]: 'internal-error' }))
    expect(res.status).toBe(200)
    const link = await oneResultLink(s)
    const image = await s.request(`/api/image?url=${encodeURIComponent(link)}`, { headers: { [FAULT_HEADER]: 'expired-link' } })
    expect(image.status).toBe(200)
  })

  it('every fault at a 100% rate still gets JSON errors, never a gateway 500', async () => {
    const s = studio({ defaultMs: 200 })
    s.simulator.faults.slowMs = 300
    for (const fault of ['internal-error', 'throttling', 'slow', 'connection-reset'] as const) {
      s.simulator.faults.rates = { [fault]: 1 }
      const res = await s.request(`/api/v1${API_PATHS.task('x')}`)
      expect(res.status, fault).toBeGreaterThanOrEqual(400)
      const body = await jsonError(res)
      expect(res.headers.get(REJECTED_BY_HEADER)).toBeNull()
      if (res.status === 500) expect(body.code).toBe('InternalError') // the simulator's, relayed
    }
  })
})

describe('/api/image: the body must match its Content-Length', () => {
  const short = (declared: number, sent: number) => () =>
    new Response(
      new ReadableStream({
        start(c) {
          c.enqueue(new Uint8Array(sent))
          c.close()
        },
      }),
      { headers: { 'content-type': 'image/png', 'content-length': String(declared) } },
    )

  it.each([
    ['shorter', 100, 40],
    ['longer', 40, 100],
  ])('a body %s than declared makes the stream fail', async (_, declared, sent) => {
    const network = captureFetch(short(declared, sent))
    const app = createGateway({ mode: 'live', region: 'singapore', apiKey: 'k', fetch: network.fetch })
    const res = await app.request(`/api/image?url=${encodeURIComponent(RESULT)}`)
    await expect(res.arrayBuffer()).rejects.toThrow()
  })

  it('over real HTTP, the browser’s fetch rejects for a truncated simulator image', async () => {
    const dist = temporaryFolder('studio-faults-')
    writeFileSync(join(dist, 'index.html'), '<!doctype html>')
    const running = await startStudio(
      { HOST: '127.0.0.1', PORT: '0', SIMULATOR_ADMIN: '1', SIMULATOR_QUEUE_MS: '5', SIMULATOR_RUN_MS: '10', SIMULATOR_SYNC_MS: '5' },
      { log: () => {}, distDir: dist },
    )
    try {
      const created = TaskCreatedResponse.parse(await (await fetch(`${running.url}/api/v1${API_PATHS.imageSynthesis}`, submit())).json())
      const request = (path: string) => fetch(`${running.url}${path}`)
      const link = ((await finished(request, created.output.task_id)).results![0] as { url: string }).url
      const queued = await fetch(`${running.url}/simulator/__admin/config`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ nextFaults: ['truncated-image'] }),
      })
      expect(queued.status).toBe(200)
      const cut = fetch(`${running.url}/api/image?url=${encodeURIComponent(link)}`).then((r) => r.arrayBuffer())
      await expect(cut).rejects.toThrow()
      expect((await fetch(`${running.url}/api/health`)).status).toBe(200)
    } finally {
      await running.close()
    }
  })
})
