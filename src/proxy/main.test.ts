// @vitest-environment node
/** startStudio on real loopback sockets (port 0): simulator mode, and live mode against a standalone simulator. */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterEach, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { StudioConfig, TaskCreatedResponse, TaskQueryResponse } from '../shared/schemas.ts'
import { createSimulator, SIMULATOR_DEFAULT_KEY, type Simulator } from '../simulator/create-simulator.ts'
import { startStudio, type RunningStudio } from './main.ts'
import { ServerConfigError } from './server-config.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const FAST = { SIMULATOR_QUEUE_MS: '5', SIMULATOR_RUN_MS: '10', SIMULATOR_EXTEND_MS: '0', SIMULATOR_SYNC_MS: '5' }
const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function distWithIndex(): string {
  const dist = temporaryFolder('studio-main-')
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>studio</title>')
  return dist
}

async function start(env: NodeJS.ProcessEnv): Promise<RunningStudio & { lines: string[] }> {
  const lines: string[] = []
  const studio = await startStudio(env, { log: (l) => lines.push(l), distDir: distWithIndex() })
  cleanups.push(() => studio.close())
  return { ...studio, lines }
}

async function t2iRoundTrip(url: string): Promise<Uint8Array> {
  const created = await fetch(`${url}/api/v1${API_PATHS.imageSynthesis}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [ASYNC_HEADER]: 'enable' },
    body: JSON.stringify({ model: 'qwen-image', input: { prompt: 'a cat' } }),
  })
  expect(created.status).toBe(200)
  const { task_id } = TaskCreatedResponse.parse(await created.json()).output
  for (let i = 0; i < 200; i++) {
    const { output } = TaskQueryResponse.parse(await (await fetch(`${url}/api/v1${API_PATHS.task(task_id)}`)).json())
    if (output.task_status === 'SUCCEEDED') {
      const link = (output.results![0] as { url: string }).url
      const image = await fetch(`${url}/api/image?url=${encodeURIComponent(link)}`)
      expect(image.status).toBe(200)
      return new Uint8Array(await image.arrayBuffer())
    }
    expect(['PENDING', 'RUNNING']).toContain(output.task_status)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error('the task did not finish')
}

describe('startStudio', () => {
  it('starts in simulator mode on a free port and serves the API, the simulator and the SPA', async () => {
    const studio = await start({ PORT: '0', SIMULATOR_ADMIN: '1', ...FAST })
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(studio.lines[0]).toBe(
      `Qwen Image Studio on ${studio.url} — mode: simulator (no DASHSCOPE_API_KEY set; images come from the embedded offline simulator); queue journal in memory`,
    )
    expect(await (await fetch(`${studio.url}/api/health`)).json()).toEqual({ status: 'ok', mode: 'simulator' })
    const config = StudioConfig.parse(await (await fetch(`${studio.url}/api/config`)).json())
    expect(config.upstream).toBe(`${studio.url}/simulator/api/v1`)
    expect((await fetch(`${studio.url}/simulator/__admin/stats`)).status).toBe(200)
    const page = await fetch(`${studio.url}/gallery`)
    expect(await page.text()).toContain('<title>studio</title>')

    const png = await t2iRoundTrip(studio.url)
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])
    expect(studio.lines.some((l) => /^GET \/api\/image 200 \d+ms$/.test(l))).toBe(true)
  })

  it('goes live against a standalone simulator given DASHSCOPE_BASE_URL and a key', async () => {
    const simulator: Simulator = createSimulator({ queueMs: 5, runMs: 10, extendMs: 0 })
    const server: ServerType = serve({ fetch: simulator.app.fetch, hostname: '127.0.0.1', port: 0 })
    await new Promise((resolve) => server.once('listening', resolve))
    cleanups.push(
      () => simulator.close(),
      () => new Promise((resolve) => server.close(resolve)),
    )
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`

    const studio = await start({
      PORT: '0',
      DASHSCOPE_API_KEY: SIMULATOR_DEFAULT_KEY,
      DASHSCOPE_BASE_URL: base,
      DASHSCOPE_REGION: 'beijing',
    })
    expect(studio.lines[0]).toBe(
      `Qwen Image Studio on ${studio.url} — mode: live, region beijing, upstream ${base}; queue journal in memory`,
    )
    const config = StudioConfig.parse(await (await fetch(`${studio.url}/api/config`)).json())
    expect(config).toMatchObject({ mode: 'live', region: 'beijing', upstream: base })
    expect(JSON.stringify(config)).not.toContain(SIMULATOR_DEFAULT_KEY)
    const png = await t2iRoundTrip(studio.url)
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47])
    expect((await fetch(`${studio.url}/simulator/__admin/stats`)).status).toBe(404)
  })

  it('refuses bad settings before listening', async () => {
    await expect(startStudio({ DASHSCOPE_REGION: 'mars', PORT: '0' }, { log: () => {} })).rejects.toBeInstanceOf(ServerConfigError)
  })

  it('says so when the port is taken', async () => {
    const first = await start({ PORT: '0', ...FAST })
    const port = new URL(first.url).port
    await expect(startStudio({ PORT: port }, { log: () => {} })).rejects.toThrow(`cannot listen on 127.0.0.1:${port}`)
  })

  it('closes: the port stops answering', async () => {
    const studio = await startStudio({ PORT: '0', ...FAST }, { log: () => {} })
    expect((await fetch(`${studio.url}/api/health`)).status).toBe(200)
    await studio.close()
    await expect(fetch(`${studio.url}/api/health`)).rejects.toThrow()
  })
})
