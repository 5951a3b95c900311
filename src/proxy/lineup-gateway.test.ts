// @vitest-environment node
/** The gateway and the 2026 lineup: workspace domains, the 4:3 fallback, getPolicy and oss:// inputs. */
import { afterEach, describe, expect, it } from 'vitest'
import { ossPostFields } from '../testing/oss-upload.ts'
import { API_PATHS, OSS_RESOLVE_HEADER } from '../shared/api-paths.ts'
import { ErrorBody, MultimodalResponse, StudioConfig } from '../shared/schemas.ts'
import { createSimulator, type Simulator } from '../simulator/create-simulator.ts'
import { pngFixture } from '../testing/simulator-harness.ts'
import { createGateway } from './create-gateway.ts'
import { SIZE_USED_HEADER } from './four-three-fallback.ts'
import { parseServerConfig } from './server-config.ts'

const ORIGIN = 'http://127.0.0.1:8787'
let simulator: Simulator | undefined
afterEach(() => simulator?.close())

function studio(options: Parameters<typeof createSimulator>[0] = {}) {
  simulator = createSimulator({ basePath: '/simulator', syncMs: 0, extendMs: 0, ...options })
  const app = createGateway({ mode: 'simulator', region: 'singapore', simulator })
  return (path: string, init?: RequestInit) => app.request(`${ORIGIN}${path}`, init)
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
})
const t2i = (model: string, size: string) => ({
  model,
  input: { messages: [{ role: 'user', content: [{ text: 'a poster' }] }] },
  parameters: { size },
})

describe('DASHSCOPE_WORKSPACE_ID', () => {
  it('picks the region’s workspace domain; unset keeps the old domain; DASHSCOPE_BASE_URL still wins', async () => {
    const upstream = async (env: Record<string, string>) => {
      const config = parseServerConfig({ DASHSCOPE_API_KEY: 'sk-test', ...env })
      const app = createGateway({
        mode: 'live',
        region: config.region,
        apiKey: 'sk-test',
        baseUrl: config.baseUrl,
        workspaceId: config.workspaceId,
        fetch: () => Promise.reject(new Error('offline')),
      })
      return StudioConfig.parse(await (await app.request(`${ORIGIN}/api/config`)).json()).upstream
    }
    const figures = {
      singapore: await upstream({ DASHSCOPE_WORKSPACE_ID: 'llm-ab12cd' }),
      beijing: await upstream({ DASHSCOPE_WORKSPACE_ID: 'LLM-AB12CD', DASHSCOPE_REGION: 'beijing' }),
      unset: await upstream({}),
      override: await upstream({ DASHSCOPE_WORKSPACE_ID: 'llm-ab12cd', DASHSCOPE_BASE_URL: 'http://127.0.0.1:9100/api/v1' }),
    }
    console.log(JSON.stringify(figures))
    expect(figures).toEqual({
      singapore: 'https://llm-ab12cd.ap-southeast-1.maas.aliyuncs.com/api/v1',
      beijing: 'https://llm-ab12cd.cn-beijing.maas.aliyuncs.com/api/v1',
      unset: 'https://dashscope-intl.aliyuncs.com/api/v1',
      override: 'http://127.0.0.1:9100/api/v1',
    })
    expect(() => parseServerConfig({ DASHSCOPE_WORKSPACE_ID: 'not a host/../x' })).toThrow(
      /DASHSCOPE_WORKSPACE_ID must be the workspace id/,
    )
  })

  it('sends live requests to the workspace domain', async () => {
    const seen: string[] = []
    const app = createGateway({
      mode: 'live',
      region: 'beijing',
      apiKey: 'sk-test',
      workspaceId: 'llm-ab12cd',
      fetch: (input) => {
        seen.push(input instanceof Request ? input.url : String(input))
        return Promise.resolve(Response.json({ request_id: 'r', output: { task_id: 't', task_status: 'PENDING' } }))
      },
    })
    await app.request(`${ORIGIN}/api/v1${API_PATHS.task('t')}`)
    expect(seen).toEqual(['https://llm-ab12cd.cn-beijing.maas.aliyuncs.com/api/v1/tasks/t'])
  })
})

describe('the 4:3 fallback', () => {
  it('retries a refused 1472*1104 once as 1472*1140, then sends the spelling that worked first', async () => {
    const request = studio({ refuseSizes: ['1472*1104'] })
    const before = simulator!.stats().requests
    const first = await request(`/api/v1${API_PATHS.multimodal}`, json(t2i('qwen-image-max', '1472*1104')))
    expect(first.status).toBe(200)
    expect(first.headers.get(SIZE_USED_HEADER)).toBe('1472*1140')
    expect(MultimodalResponse.parse(await first.json()).usage).toMatchObject({ width: 1472, height: 1104 })
    const afterFirst = simulator!.stats().requests
    const second = await request(`/api/v1${API_PATHS.multimodal}`, json(t2i('qwen-image-max', '1472*1104')))
    expect(second.headers.get(SIZE_USED_HEADER)).toBe('1472*1140')
    const upstreamCalls = [afterFirst - before, simulator!.stats().requests - afterFirst]
    console.log(`4:3 fallback: upstream calls per request ${upstreamCalls.join(', ')}`)
    expect(upstreamCalls).toEqual([2, 1])
  })

  it('leaves other sizes and other refusals alone', async () => {
    const request = studio({ refuseSizes: ['1664*928'] })
    const refused = await request(`/api/v1${API_PATHS.multimodal}`, json(t2i('qwen-image-max', '1664*928')))
    expect(refused.status).toBe(400)
    expect(simulator!.stats().requests).toBe(1)
    const plain = await request(`/api/v1${API_PATHS.multimodal}`, json(t2i('qwen-image-max', '1472*1104')))
    expect([plain.status, plain.headers.get(SIZE_USED_HEADER)]).toEqual([200, '1472*1104'])
  })
})

describe('temporary upload through the gateway', () => {
  it('forwards getPolicy; the file posted to upload_host is used by an oss:// edit with the resolve header', async () => {
    const request = studio()
    const policy = await request(`/api/v1${API_PATHS.uploads}?action=getPolicy&model=qwen-image-edit-max`)
    expect(policy.status).toBe(200)
    const data = ((await policy.json()) as { data: Record<string, string> }).data
    expect(data.upload_host).toBe(`${ORIGIN}/simulator/oss-upload`)
    const form = new FormData()
    const key = `${data.upload_dir}/photo.png`
    for (const [k, v] of Object.entries(ossPostFields(data, key))) form.set(k, v)
    form.set('file', new Blob([await pngFixture(800, 600)], { type: 'image/png' }), 'photo.png')
    expect((await request(new URL(data.upload_host!).pathname, { method: 'POST', body: form })).status).toBe(200)

    const edit = {
      model: 'qwen-image-edit-max',
      input: { messages: [{ role: 'user', content: [{ image: `oss://${key}` }, { text: 'make it night' }] }] },
      parameters: { size: '1033*1032' },
    }
    const without = await request(`/api/v1${API_PATHS.multimodal}`, json(edit))
    expect(ErrorBody.parse(await without.json()).message).toContain('X-DashScope-OssResourceResolve')
    const done = await request(`/api/v1${API_PATHS.multimodal}`, json(edit, { [OSS_RESOLVE_HEADER]: 'enable' }))
    expect(done.status).toBe(200)
    expect(MultimodalResponse.parse(await done.json()).usage).toMatchObject({ width: 1040, height: 1024 })
  })

  it('reports the simulator’s minute in /api/config', async () => {
    const request = studio({ minuteMs: 8000 })
    expect(StudioConfig.parse(await (await request('/api/config')).json()).rateLimitMinuteMs).toBe(8000)
  })
})
