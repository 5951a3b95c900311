// @vitest-environment node
/** The gateway in simulator mode against the real embedded simulator, in-process (no sockets). */
import { afterEach, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ErrorBody, TaskCreatedResponse, TaskQueryResponse, type TaskOutput } from '../shared/schemas.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY, type Simulator } from '../simulator/create-simulator.ts'
import { createGateway } from './create-gateway.ts'

const ORIGIN = 'http://127.0.0.1:8787'
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

let simulator: Simulator | undefined
afterEach(() => simulator?.close())

function studio() {
  simulator = createSimulator({ basePath: '/simulator', admin: true, queueMs: 10, runMs: 20, extendMs: 0, syncMs: 10 })
  const lines: string[] = []
  const app = createGateway({ mode: 'simulator', region: 'singapore', simulator, log: (l) => lines.push(l) })
  const request = (path: string, init?: RequestInit) => app.request(`${ORIGIN}${path}`, init)
  return { app, request, simulator, lines }
}

const submit = (prompt: string): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', [ASYNC_HEADER]: 'enable', Authorization: 'Bearer sk-from-the-browser' },
  body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt }, parameters: { size: '1328*1328', seed: 7 } }),
})

async function pollUntilDone(request: (path: string) => Response | Promise<Response>, taskId: string): Promise<TaskOutput> {
  for (let i = 0; i < 200; i++) {
    const res = await request(`/api/v1${API_PATHS.task(taskId)}`)
    expect(res.status).toBe(200)
    const { output } = TaskQueryResponse.parse(await res.json())
    if (!['PENDING', 'RUNNING'].includes(output.task_status)) return output
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the task did not finish')
}

describe('gateway + embedded simulator', () => {
  it('runs an async text-to-image task end to end and relays the PNG through /api/image', async () => {
    const { request, lines } = studio()
    const created = await request(`/api/v1${API_PATHS.imageSynthesis}`, submit('a lighthouse that says "OPEN"'))
    expect(created.status).toBe(200)
    const { output } = TaskCreatedResponse.parse(await created.json())
    expect(output.task_status).toBe('PENDING')

    const done = await pollUntilDone(request, output.task_id)
    expect(done.task_status).toBe('SUCCEEDED')
    const result = done.results?.[0]
    expect(result && 'url' in result).toBe(true)
    const url = (result as { url: string }).url
    expect(url.startsWith(`${ORIGIN}/simulator/results/`)).toBe(true)

    const image = await request(`/api/image?url=${encodeURIComponent(url)}`)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/png')
    const bytes = new Uint8Array(await image.arrayBuffer())
    expect(Number(image.headers.get('content-length'))).toBe(bytes.byteLength)
    expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
    expect(lines.every((l) => !l.includes(SIMULATOR_DEFAULT_KEY))).toBe(true)
  })

  it('counts no submission for a request the gateway refused', async () => {
    const { request, simulator } = studio()
    const res = await request(`/api/v1${API_PATHS.imageSynthesis}`, {
      ...submit('x'),
      body: JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'x' }, parameters: { n: 4 } }),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-studio-rejected-by')).toBe('gateway')
    expect(simulator.stats()).toMatchObject({ requests: 0, submissions: 0 })
  })

  it('turns an expired simulator link into 410 LinkExpired', async () => {
    const { request, simulator } = studio()
    simulator.configure({ resultTtlSeconds: 60 })
    const created = TaskCreatedResponse.parse(await (await request(`/api/v1${API_PATHS.imageSynthesis}`, submit('x'))).json())
    const done = await pollUntilDone(request, created.output.task_id)
    const url = (done.results?.[0] as { url: string }).url
    expect((await request(`/api/image?url=${encodeURIComponent(url)}`)).status).toBe(200)
    // A minute and a second later by the simulator's clock (not a sleep), the link has expired.
    const later = Date.now() + 61_000
    simulator.configure({ now: () => later })
    const res = await request(`/api/image?url=${encodeURIComponent(url)}`)
    expect(res.status).toBe(410)
    expect(ErrorBody.parse(await res.json()).code).toBe('LinkExpired')
  })

  it('relays the simulator’s own refusals (a key it no longer accepts: 401 InvalidApiKey)', async () => {
    const { request, simulator } = studio()
    simulator.configure({ apiKeys: ['another-key'] })
    const res = await request(`/api/v1${API_PATHS.imageSynthesis}`, submit('x'))
    expect(res.status).toBe(401)
    expect(ErrorBody.parse(await res.json()).code).toBe('InvalidApiKey')
  })

  it('serves the simulator’s own API at /simulator for any DashScope client', async () => {
    const { request } = studio()
    const res = await request(`/simulator/api/v1${API_PATHS.imageSynthesis}`, {
      ...submit('x'),
      headers: { 'Content-Type': 'application/json', [ASYNC_HEADER]: 'enable', Authorization: `Bearer ${SIMULATOR_DEFAULT_KEY}` },
    })
    expect(res.status).toBe(200)
    TaskCreatedResponse.parse(await res.json())
    const stats = await request('/simulator/__admin/stats')
    expect(await stats.json()).toMatchObject({ submissions: 1 })
  })
})
