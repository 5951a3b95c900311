// @vitest-environment node
import { createServer } from 'node:net'
import { describe, expect, it } from 'vitest'
import { API_PATHS, REGION_BASE_URLS } from '../shared/api-paths.ts'
import { ERROR_CODES, type ErrorCode } from '../shared/errors.ts'
import { LIMITS, MAX_BODY_BYTES } from '../shared/limits.ts'
import { MODELS } from '../shared/models.ts'
import { ErrorBody, StudioConfig } from '../shared/schemas.ts'
import { REJECTED_BY_HEADER } from '../shared/studio-errors.ts'
import { createGateway, DEFAULT_TIMEOUTS, type GatewayOptions } from './create-gateway.ts'
import { captureFetch, decode, fakeSimulator, pngDataUrl, type Responder } from '../testing/test-upstream.ts'
import { USER_AGENT } from './upstream.ts'

const KEY = 'sk-gateway-secret-0123456789abcdef'
const SG = REGION_BASE_URLS.singapore

function liveGateway(respond?: Responder, extra: Partial<GatewayOptions> = {}) {
  const upstream = captureFetch(respond)
  const lines: string[] = []
  const app = createGateway({
    mode: 'live',
    region: 'singapore',
    apiKey: KEY,
    fetch: upstream.fetch,
    log: (line) => lines.push(line),
    ...extra,
  })
  return { app, calls: upstream.calls, lines }
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
})

const t2i = { model: 'qwen-image-plus', input: { prompt: 'a red fox reading "HELLO"' }, parameters: { size: '1328*1328' } }
const multimodalT2i = {
  model: 'qwen-image-plus',
  input: { messages: [{ role: 'user', content: [{ text: 'a poster that says "SALE"' }] }] },
}
const edit = (images: string[]) => ({
  model: 'qwen-image-edit-plus',
  input: { messages: [{ role: 'user', content: [...images.map((image) => ({ image })), { text: 'make it blue' }] }] },
  parameters: { n: 2 },
})

async function errorOf(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/json')
  return ErrorBody.parse(await res.json())
}

describe('createGateway: forwarding /api/v1', () => {
  it.each([
    ['POST', `/api/v1${API_PATHS.multimodal}`, `${SG}${API_PATHS.multimodal}`, multimodalT2i],
    ['POST', `/api/v1${API_PATHS.imageSynthesis}`, `${SG}${API_PATHS.imageSynthesis}`, t2i],
    ['GET', '/api/v1/tasks/86ecf553-d340', `${SG}/tasks/86ecf553-d340`, undefined],
    ['POST', '/api/v1/tasks/86ecf553-d340/cancel', `${SG}/tasks/86ecf553-d340/cancel`, undefined],
    ['GET', '/api/v1/tasks?page_no=2&page_size=10', `${SG}/tasks?page_no=2&page_size=10`, undefined],
  ])('%s %s goes to %s', async (method, path, url, body) => {
    const { app, calls } = liveGateway()
    const res = await app.request(path, body ? json(body) : { method })
    expect(res.status).toBe(200)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ method, url, redirect: 'manual' })
  })

  it('forwards the original body bytes, not a re-serialisation', async () => {
    const { app, calls } = liveGateway()
    const original = `{ "input": {"prompt":"星空下的猫 \\u00e9 \u{1F98A}"},\n  "model":"qwen-image-plus"  }`
    await app.request(`/api/v1${API_PATHS.imageSynthesis}`, json(original, { 'X-DashScope-Async': 'enable' }))
    expect(decode(calls[0]!.body)).toBe(original)
  })

  it('re-encodes a task id into the upstream path', async () => {
    const { app, calls } = liveGateway()
    await app.request('/api/v1/tasks/a%20b')
    expect(calls[0]!.url).toBe(`${SG}/tasks/a%20b`)
  })

  it('uses the Beijing base URL, or DASHSCOPE_BASE_URL when given', async () => {
    const beijing = liveGateway(undefined, { region: 'beijing' })
    await beijing.app.request('/api/v1/tasks/t1')
    expect(beijing.calls[0]!.url).toBe(`${REGION_BASE_URLS.beijing}/tasks/t1`)

    const override = liveGateway(undefined, { baseUrl: 'http://127.0.0.1:9000/api/v1' })
    await override.app.request('/api/v1/tasks/t1')
    expect(override.calls[0]!.url).toBe('http://127.0.0.1:9000/api/v1/tasks/t1')
  })

  it('sends only the allowed headers, with the gateway’s key in place of the browser’s', async () => {
    const { app, calls } = liveGateway()
    await app.request(`/api/v1${API_PATHS.imageSynthesis}`, {
      ...json(t2i),
      headers: {
        Authorization: 'Bearer sk-from-the-browser',
        Cookie: 'sid=abc',
        'X-Api-Key': 'sk-other',
        'X-Forwarded-For': '10.1.1.1',
        Origin: 'http://localhost',
        Referer: 'http://localhost/compose',
        'Content-Type': 'application/json; charset=utf-8',
        Accept: 'application/json; charset=utf-8',
        'X-DashScope-Async': 'enable',
        'X-DashScope-WorkSpace': 'ws-9',
      },
    })
    const sent = Object.fromEntries(calls[0]!.headers)
    expect(sent).toEqual({
      authorization: `Bearer ${KEY}`,
      'user-agent': USER_AGENT,
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json; charset=utf-8',
      'x-dashscope-async': 'enable',
      'x-dashscope-workspace': 'ws-9',
    })
    expect(JSON.stringify(sent)).not.toContain('sk-from-the-browser')
  })

  it('passes the upstream’s status, JSON body and ordinary headers through, without cookies or hop-by-hop headers', async () => {
    const body = '{"request_id":"r-1","output":{"task_id":"t-1","task_status":"PENDING"}}'
    const { app } = liveGateway(
      () =>
        new Response(body, {
          status: 200,
          headers: {
            'content-type': 'application/json;charset=UTF-8',
            'x-request-id': 'r-1',
            'set-cookie': 'acw_tc=1',
            connection: 'close',
            'keep-alive': 'timeout=5',
          },
        }),
    )
    const res = await app.request(`/api/v1${API_PATHS.imageSynthesis}`, json(t2i))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(body)
    expect(res.headers.get('x-request-id')).toBe('r-1')
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(res.headers.get('connection')).toBeNull()
    expect(res.headers.get('keep-alive')).toBeNull()
  })

  it.each(Object.entries(ERROR_CODES))('relays the vendor’s %s with status %s unchanged', async (code, { status }) => {
    const body = { request_id: 'r-2', code, message: `vendor says ${code}` }
    const { app } = liveGateway(() => Response.json(body, { status }))
    const res = await app.request('/api/v1/tasks/t1')
    expect(res.status).toBe(status)
    expect(await res.json()).toEqual(body)
    expect(res.headers.get(REJECTED_BY_HEADER)).toBeNull()
  })

  it('answers 502 JSON when the upstream answers something that is not JSON', async () => {
    const { app } = liveGateway(() => new Response('<html>Bad gateway</html>', { status: 503, headers: { 'content-type': 'text/html' } }))
    const res = await app.request('/api/v1/tasks/t1')
    expect(res.status).toBe(502)
    const body = await errorOf(res)
    expect(body.code).toBe('UpstreamBadResponse')
    expect(body.message).toContain('HTTP 503 with text/html')
  })

  it('does not follow an upstream redirect', async () => {
    const { app, calls } = liveGateway(() => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }))
    const res = await app.request('/api/v1/tasks/t1')
    expect(res.status).toBe(502)
    expect(calls).toHaveLength(1)
    expect((await errorOf(res)).code).toBe('UpstreamBadResponse')
  })
})

describe('createGateway: refusing what is known to be bad, without forwarding', () => {
  const refused = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status)
    expect(res.headers.get(REJECTED_BY_HEADER)).toBe('gateway')
    const body = await errorOf(res)
    expect(body.code).toBe(code)
    expect(body.request_id).toMatch(/^studio-/)
    return body
  }

  it('refuses a body that is not JSON', async () => {
    const { app, calls } = liveGateway()
    const body = await refused(await app.request(`/api/v1${API_PATHS.multimodal}`, json('{"model":')), 400, 'InvalidParameter')
    expect(body.message).toBe('The request body is not valid JSON.')
    await refused(await app.request(`/api/v1${API_PATHS.multimodal}`, json('')), 400, 'InvalidParameter')
    expect(calls).toHaveLength(0)
  })

  it.each<[string, string, unknown, ErrorCode, string]>([
    ['no model', API_PATHS.imageSynthesis, { input: { prompt: 'x' } }, 'BadRequest.EmptyModel', 'model'],
    ['unknown model', API_PATHS.imageSynthesis, { ...t2i, model: 'wan-9' }, 'ModelNotFound', 'wan-9'],
    ['no input', API_PATHS.multimodal, { model: 'qwen-image-plus' }, 'BadRequest.EmptyInput', 'input'],
    ['n of 2 for qwen-image', API_PATHS.imageSynthesis, { ...t2i, parameters: { n: 2 } }, 'InvalidParameter', 'parameters.n'],
    ['an unknown size', API_PATHS.imageSynthesis, { ...t2i, parameters: { size: '100*100' } }, 'InvalidParameter', 'parameters.size'],
    ['a negative seed', API_PATHS.multimodal, { ...multimodalT2i, parameters: { seed: -1 } }, 'InvalidParameter', 'parameters.seed'],
    [
      'an edit model on the async endpoint',
      API_PATHS.imageSynthesis,
      { ...t2i, model: 'qwen-image-edit' },
      'InvalidParameter',
      'asynchronous',
    ],
    ['an edit without images', API_PATHS.multimodal, edit([]), 'InvalidParameter', 'images'],
    [
      'four edit images',
      API_PATHS.multimodal,
      edit(Array.from({ length: 4 }, () => pngDataUrl(512, 512))),
      'InvalidParameter',
      '1 to 3 images',
    ],
    ['a too small edit image', API_PATHS.multimodal, edit([pngDataUrl(100, 600)]), 'InvalidParameter', '100x600 px'],
    [
      'a data URL that lies about its type',
      API_PATHS.multimodal,
      edit([pngDataUrl(512, 512).replace('image/png', 'image/jpeg')]),
      'InvalidParameter',
      'declared as image/jpeg',
    ],
  ])('refuses %s with its status, without calling upstream', async (_, path, body, code, text) => {
    const { app, calls } = liveGateway()
    const error = await refused(await app.request(`/api/v1${path}`, json(body)), ERROR_CODES[code].status, code)
    expect(error.message).toContain(text)
    expect(calls).toHaveLength(0)
  })

  it('forwards a valid edit of three images', async () => {
    const { app, calls } = liveGateway()
    const res = await app.request(`/api/v1${API_PATHS.multimodal}`, json(edit(Array.from({ length: 3 }, () => pngDataUrl(512, 768)))))
    expect(res.status).toBe(200)
    expect(calls).toHaveLength(1)
  })

  it.each([
    ['GET', `/api/v1${API_PATHS.multimodal}`, 'POST'],
    ['PUT', `/api/v1${API_PATHS.imageSynthesis}`, 'POST'],
    ['DELETE', '/api/v1/tasks/t1', 'GET'],
    ['GET', '/api/v1/tasks/t1/cancel', 'POST'],
    ['POST', '/api/v1/tasks', 'GET'],
    ['POST', '/api/config', 'GET'],
    ['DELETE', '/api/image', 'GET'],
  ])('answers %s %s with 405 JSON and Allow: %s', async (method, path, allow) => {
    const { app, calls } = liveGateway()
    const res = await app.request(path, { method })
    await refused(res, 405, 'MethodNotAllowed')
    expect(res.headers.get('allow')).toBe(allow)
    expect(calls).toHaveLength(0)
  })

  it.each([
    '/api/v1/services/aigc/image2image/image-synthesis',
    '/api/v1/services/aigc/text-generation/generation',
    '/api/v1/apps/app-1/completion',
    '/api/v1/tasks/t1/cancel/now',
    '/api/v1',
    '/api/v2/tasks',
    '/api/unknown',
  ])('answers an undocumented path %s with 404 JSON', async (path) => {
    const { app, calls } = liveGateway()
    const res = await app.request(path, { method: 'POST', body: '{}' })
    const body = await refused(res, 404, 'NotFound')
    expect(body.message).toContain(path)
    expect(calls).toHaveLength(0)
  })

  it('answers the simulator’s paths with 404 in live mode', async () => {
    const { app } = liveGateway()
    const body = await refused(await app.request('/simulator/__admin/stats'), 404, 'NotFound')
    expect(body.message).toContain('simulator mode')
  })
})

describe('createGateway: requests from other sites', () => {
  it.each([
    ['another origin', { Origin: 'http://evil.example' }],
    ['an opaque origin', { Origin: 'null' }],
    ['another port', { Origin: 'http://127.0.0.1:9999' }],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses a POST from %s with 403 JSON, without forwarding', async (_, headers) => {
    const { app, calls } = liveGateway()
    const res = await app.request(`http://127.0.0.1:8787/api/v1${API_PATHS.imageSynthesis}`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...headers },
      body: JSON.stringify(t2i),
    })
    expect(res.status).toBe(403)
    expect(res.headers.get(REJECTED_BY_HEADER)).toBe('gateway')
    expect((await errorOf(res)).code).toBe('AccessDenied')
    expect(calls).toHaveLength(0)
  })

  it('forwards POSTs from its own pages and from clients that send no Origin', async () => {
    const { app, calls } = liveGateway()
    const path = `http://127.0.0.1:8787/api/v1${API_PATHS.imageSynthesis}`
    const own = { Origin: 'http://127.0.0.1:8787', 'Sec-Fetch-Site': 'same-origin' }
    expect((await app.request(path, json(t2i, own))).status).toBe(200)
    expect((await app.request(path, json(t2i))).status).toBe(200)
    expect((await app.request('http://127.0.0.1:8787/api/v1/tasks/t1/cancel', { method: 'POST' })).status).toBe(200)
    expect(calls).toHaveLength(3)
  })

  it('lets reads through whatever their origin (the browser keeps the answer from the other site)', async () => {
    const { app, calls } = liveGateway()
    expect((await app.request('/api/v1/tasks/t1', { headers: { Origin: 'http://evil.example' } })).status).toBe(200)
    expect(calls).toHaveLength(1)
  })
})

describe('createGateway: body limit', () => {
  it('fits three 10 MB images as base64 plus 1 MB', () => {
    expect(MAX_BODY_BYTES).toBe(3 * Math.ceil((10 * 1024 * 1024 * 4) / 3) + 1024 * 1024)
    expect(MAX_BODY_BYTES).toBe(LIMITS.editImagesMax * Math.ceil((LIMITS.editImageMaxBytes * 4) / 3) + 1024 * 1024)
  })

  it('answers 413 JSON for a larger body (declared length), without forwarding', async () => {
    const { app, calls } = liveGateway()
    const res = await app.request(`/api/v1${API_PATHS.multimodal}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) },
      body: 'x'.repeat(MAX_BODY_BYTES + 1),
    })
    expect(res.status).toBe(413)
    expect(res.headers.get(REJECTED_BY_HEADER)).toBe('gateway')
    expect((await errorOf(res)).code).toBe('PayloadTooLarge')
    expect(calls).toHaveLength(0)
  })

  it('answers 413 for a larger streamed body without a length', async () => {
    const { app, calls } = liveGateway()
    const chunk = new Uint8Array(1024 * 1024)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > MAX_BODY_BYTES) controller.close()
        else {
          sent += chunk.byteLength
          controller.enqueue(chunk)
        }
      },
    })
    const res = await app.request(`/api/v1${API_PATHS.multimodal}`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit)
    expect(res.status).toBe(413)
    expect(calls).toHaveLength(0)
  })

  it('lets a body of exactly the limit through to validation', async () => {
    const { app } = liveGateway()
    // One long string: whitespace would count as JSON structure (json-structure.ts).
    const res = await app.request(`/api/v1${API_PATHS.multimodal}`, json(`"${'x'.repeat(MAX_BODY_BYTES - 2)}"`))
    expect(res.status).toBe(400)
    expect((await errorOf(res)).code).toBe('BadRequest.EmptyModel')
  })
})

describe('createGateway: upstream failures', () => {
  it('answers 502 UpstreamUnavailable when the upstream cannot be reached', async () => {
    const { app } = liveGateway(() => {
      throw new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })
    })
    const res = await app.request(`/api/v1${API_PATHS.imageSynthesis}`, json(t2i))
    expect(res.status).toBe(502)
    const body = await errorOf(res)
    expect(body.code).toBe('UpstreamUnavailable')
    expect(body.message).toContain('DashScope (singapore)')
    expect(body.message).toContain('ENOTFOUND')
  })

  it('answers 502 when nothing listens at the base URL (real fetch, loopback)', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as { port: number }
    await new Promise((resolve) => server.close(resolve))
    const app = createGateway({ mode: 'live', region: 'singapore', apiKey: KEY, baseUrl: `http://127.0.0.1:${port}/api/v1` })
    const res = await app.request('/api/v1/tasks/t1')
    expect(res.status).toBe(502)
    const body = await errorOf(res)
    expect(body.message).toContain(`the upstream at 127.0.0.1:${port}`)
    expect(body.message).toContain('ECONNREFUSED')
  })

  it('answers 504 UpstreamTimeout, with a longer deadline for the sync multimodal endpoint', async () => {
    expect(DEFAULT_TIMEOUTS).toEqual({ multimodalMs: 60_000, defaultMs: 30_000, imageMs: 30_000 })
    const slow: Responder = (request) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(Response.json({ request_id: 'late' })), 80)
        request.signal.addEventListener('abort', () => {
          clearTimeout(timer)
          reject(request.signal.reason as Error)
        })
      })
    const { app } = liveGateway(slow, { timeouts: { multimodalMs: 1000, defaultMs: 20 } })
    const timedOut = await app.request(`/api/v1${API_PATHS.imageSynthesis}`, json(t2i))
    expect(timedOut.status).toBe(504)
    const body = await errorOf(timedOut)
    expect(body.code).toBe('UpstreamTimeout')
    expect(body.message).toContain('within 20 ms')
    const patient = await app.request(`/api/v1${API_PATHS.multimodal}`, json(multimodalT2i))
    expect(patient.status).toBe(200)
  })

  it('answers 504 even when the upstream ignores the abort signal', async () => {
    const { app } = liveGateway(() => new Promise<Response>(() => {}), { timeouts: { defaultMs: 20 } })
    expect((await app.request('/api/v1/tasks/t1')).status).toBe(504)
  })
})

describe('createGateway: the key stays in the gateway', () => {
  it('never shows the key in a response body, header or log line', async () => {
    let answer: Responder = () => Response.json({ request_id: 'r', output: { task_status: 'PENDING' } })
    const { app, lines } = liveGateway((request) => answer(request), { timeouts: { defaultMs: 30 } })
    const requests: [string, RequestInit?][] = [
      [`/api/v1${API_PATHS.imageSynthesis}`, json(t2i, { Authorization: `Bearer ${KEY}` })],
      [`/api/v1${API_PATHS.imageSynthesis}`, json({ model: 'nope' })],
      ['/api/v1/tasks/t1'],
      ['/api/v1/not-documented'],
      ['/api/config'],
      ['/api/health'],
      [`/api/image?url=${encodeURIComponent('https://evil.example/x.png')}`],
    ]
    const texts: string[] = []
    for (const [path, init] of requests) {
      const res = await app.request(path, init)
      texts.push(await res.text(), JSON.stringify([...res.headers]))
    }
    answer = () => new Promise<Response>(() => {})
    const res = await app.request('/api/v1/tasks/t1')
    expect(res.status).toBe(504)
    texts.push(await res.text(), JSON.stringify([...res.headers]))
    answer = () => Promise.reject(new TypeError('fetch failed'))
    texts.push(await (await app.request('/api/v1/tasks/t1')).text())

    expect(lines.length).toBe(requests.length + 2)
    for (const text of [...texts, ...lines]) expect(text).not.toContain(KEY)
  })

  it('redacts the key should the upstream echo it back', async () => {
    const { app } = liveGateway((request) =>
      Response.json({ request_id: 'r', code: 'InvalidApiKey', message: `bad ${request.headers.get('authorization')}` }, { status: 401 }),
    )
    const res = await app.request('/api/v1/tasks/t1')
    expect(res.status).toBe(401)
    const text = await res.text()
    expect(text).not.toContain(KEY)
    expect(text).toContain('[redacted]')
  })

  it('logs method, path, status and time for each request, without the query', async () => {
    const { app, lines } = liveGateway()
    await app.request('/api/health')
    await app.request(`/api/image?url=${encodeURIComponent('https://evil.example/x.png?Signature=abc')}`)
    await app.request('/api/v1/tasks?page_no=1')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^GET \/api\/health 200 \d+ms$/)
    expect(lines[1]).toMatch(/^GET \/api\/image 403 \d+ms$/)
    expect(lines[2]).toMatch(/^GET \/api\/v1\/tasks 200 \d+ms$/)
  })
})

describe('createGateway: /api/config and /api/health', () => {
  it('describes a live gateway: mode, region, upstream, models with the region’s prices, never the key', async () => {
    const { app } = liveGateway(undefined, { region: 'beijing' })
    const res = await app.request('/api/config')
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain(KEY)
    const config = StudioConfig.parse(JSON.parse(text))
    expect(config).toMatchObject({ mode: 'live', region: 'beijing', upstream: REGION_BASE_URLS.beijing })
    expect(config.models.map((m) => m.id)).toEqual(MODELS.map((m) => m.id))
    for (const [i, m] of MODELS.entries()) {
      expect(config.models[i]).toEqual({ id: m.id, kind: m.kind, label: m.label, n: m.n, pricePerImage: m.pricePerImage.beijing })
    }
  })

  it('shows an overridden base URL as the upstream', async () => {
    const { app } = liveGateway(undefined, { baseUrl: 'http://127.0.0.1:9000/api/v1' })
    const config = StudioConfig.parse(await (await app.request('/api/config')).json())
    expect(config.upstream).toBe('http://127.0.0.1:9000/api/v1')
  })

  it('says the simulator’s address in simulator mode', async () => {
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator: fakeSimulator() })
    const config = StudioConfig.parse(await (await app.request('http://127.0.0.1:8787/api/config')).json())
    expect(config).toMatchObject({ mode: 'simulator', upstream: 'http://127.0.0.1:8787/simulator/api/v1' })
    expect(config.models[0]!.pricePerImage).toBe(MODELS[0]!.pricePerImage.singapore)
  })

  it('answers /api/health with the mode', async () => {
    const { app } = liveGateway()
    expect(await (await app.request('/api/health')).json()).toEqual({ status: 'ok', mode: 'live' })
  })
})

describe('createGateway: simulator mode', () => {
  it('calls the simulator in-process at <origin>/simulator/api/v1 with the simulator key, never the network', async () => {
    const simulator = fakeSimulator()
    const network = captureFetch()
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator, fetch: network.fetch })
    const res = await app.request(
      `http://127.0.0.1:8787/api/v1${API_PATHS.imageSynthesis}?x=1`,
      json(t2i, { Authorization: 'Bearer mine' }),
    )
    expect(res.status).toBe(200)
    expect(network.calls).toHaveLength(0)
    expect(simulator.calls).toHaveLength(1)
    expect(simulator.calls[0]!.url).toBe(`http://127.0.0.1:8787/simulator/api/v1${API_PATHS.imageSynthesis}?x=1`)
    expect(simulator.calls[0]!.headers.get('authorization')).toBe('Bearer sim-local-key')
    expect(decode(simulator.calls[0]!.body)).toBe(JSON.stringify(t2i))
  })

  it('uses the simulator’s first configured key, or the key it is given', async () => {
    const configured = fakeSimulator(undefined, ['sim-first', 'sim-second'])
    await createGateway({ mode: 'simulator', region: 'singapore', simulator: configured }).request('/api/v1/tasks/t1')
    expect(configured.calls[0]!.headers.get('authorization')).toBe('Bearer sim-first')

    const given = fakeSimulator()
    await createGateway({ mode: 'simulator', region: 'singapore', simulator: given, apiKey: 'sim-other' }).request('/api/v1/tasks/t1')
    expect(given.calls[0]!.headers.get('authorization')).toBe('Bearer sim-other')
  })

  it('mounts the simulator’s own routes at /simulator, as they are', async () => {
    const simulator = fakeSimulator(() => Response.json({ requests: 3 }))
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator })
    const res = await app.request('/simulator/__admin/stats', { headers: { Authorization: 'Bearer x' } })
    expect(await res.json()).toEqual({ requests: 3 })
    expect(simulator.calls[0]).toMatchObject({ url: 'http://localhost/simulator/__admin/stats', method: 'GET' })
    expect(simulator.calls[0]!.headers.get('authorization')).toBe('Bearer x')
  })

  it('answers 500 JSON when something throws', async () => {
    const lines: string[] = []
    const app = createGateway({
      mode: 'simulator',
      region: 'singapore',
      simulator: fakeSimulator(() => {
        throw new Error('boom')
      }),
      log: (line) => lines.push(line),
    })
    const res = await app.request('/simulator/api/v1/tasks/t1')
    expect(res.status).toBe(500)
    expect((await errorOf(res)).code).toBe('InternalError')
    expect(lines[0]).toBe('GET /simulator/api/v1/tasks/t1 failed: Error: boom')
  })

  it('needs its parts', () => {
    expect(() => createGateway({ mode: 'live', region: 'singapore' })).toThrow(/API key/)
    expect(() => createGateway({ mode: 'simulator', region: 'singapore' })).toThrow(/needs a simulator/)
    expect(() => createGateway({ mode: 'simulator', region: 'singapore', simulator: fakeSimulator(undefined, []) })).toThrow(
      /accepts no API key/,
    )
  })
})
