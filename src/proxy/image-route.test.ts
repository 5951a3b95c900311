// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { RESULT_HOSTS } from '../shared/api-paths.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { REJECTED_BY_HEADER } from '../shared/studio-errors.ts'
import { createGateway, type GatewayOptions } from './create-gateway.ts'
import { MAX_IMAGE_BYTES } from './image-route.ts'
import { captureFetch, fakeSimulator, type Responder } from '../testing/test-upstream.ts'

const KEY = 'sk-gateway-secret-0123456789abcdef'
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4])
const png: Responder = () => new Response(PNG, { headers: { 'content-type': 'image/png', 'content-length': String(PNG.byteLength) } })

function gateway(respond: Responder = png, extra: Partial<GatewayOptions> = {}) {
  const network = captureFetch(respond)
  const app = createGateway({ mode: 'live', region: 'singapore', apiKey: KEY, fetch: network.fetch, ...extra })
  return { app, calls: network.calls }
}

const image = (url: string, origin = 'http://localhost') => `${origin}/api/image?url=${encodeURIComponent(url)}`
const resultUrl = (host: string = RESULT_HOSTS[0]) =>
  `https://${host}/1d/7f/result.png?Expires=1761891234&OSSAccessKeyId=LTAI&Signature=abc%3D`

async function errorOf(res: Response) {
  expect(res.headers.get('content-type')).toContain('application/json')
  return ErrorBody.parse(await res.json())
}

describe('/api/image: allowed links', () => {
  it.each(RESULT_HOSTS)('streams an image from https://%s', async (host) => {
    const { app, calls } = gateway()
    const res = await app.request(image(resultUrl(host)))
    expect(res.status).toBe(200)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('content-length')).toBe(String(PNG.byteLength))
    expect(res.headers.get('cache-control')).toMatch(/^private, max-age=\d+/)
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ url: resultUrl(host), method: 'GET', redirect: 'manual' })
  })

  it('never sends the key (or anything of the browser’s) to a result host', async () => {
    const { app, calls } = gateway()
    await app.request(image(resultUrl()), { headers: { Authorization: 'Bearer browser', Cookie: 'a=1' } })
    const sent = Object.fromEntries(calls[0]!.headers)
    expect(JSON.stringify(sent)).not.toContain(KEY)
    expect(sent.authorization).toBeUndefined()
    expect(sent.cookie).toBeUndefined()
  })

  it('accepts a result host written in capitals (hostnames are case-insensitive)', async () => {
    const { app } = gateway()
    const res = await app.request(image(resultUrl(RESULT_HOSTS[5].toUpperCase())))
    expect(res.status).toBe(200)
  })

  it('streams rather than buffers: the first bytes arrive before the upstream has finished', async () => {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(PNG)
        await released
        controller.enqueue(new Uint8Array([9, 9]))
        controller.close()
      },
    })
    const { app } = gateway(() => new Response(body, { headers: { 'content-type': 'image/png' } }))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-length')).toBeNull()
    const reader = res.body!.getReader()
    expect((await reader.read()).value).toEqual(PNG)
    release()
    expect((await reader.read()).value).toEqual(new Uint8Array([9, 9]))
    expect((await reader.read()).done).toBe(true)
  })
})

describe('/api/image: refused links (nothing is fetched)', () => {
  const host = RESULT_HOSTS[5]
  it.each([
    ['no url', undefined, 400],
    ['not a URL', 'dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com/x.png', 400],
    ['file:', 'file:///etc/passwd', 400],
    ['data:', 'data:image/png;base64,iVBORw0KGgo=', 400],
    ['ftp:', `ftp://${host}/x.png`, 400],
    ['javascript:', 'javascript:alert(1)', 400],
    ['http:// of a result host', `http://${host}/x.png`, 403],
    ['another port of a result host', `https://${host}:8443/x.png`, 403],
    ['credentials', `https://user:pass@${host}/x.png`, 403],
    ['a look-alike suffix', `https://${host}.evil.com/x.png`, 403],
    ['a look-alike prefix', `https://evil-${host}/x.png`, 403],
    ['a sibling of a result host', 'https://dashscope-result-xx.oss-cn-shenzhen.aliyuncs.com/x.png', 403],
    ['the trailing-dot form', `https://${host}./x.png`, 403],
    ['evil.com', 'https://evil.com/x.png', 403],
    ['127.0.0.1', 'http://127.0.0.1:8787/api/config', 403],
    ['localhost', 'https://localhost/x.png', 403],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/', 403],
    ['the metadata address over https', 'https://169.254.169.254/latest/meta-data/', 403],
    ['the simulator’s links in live mode', 'http://localhost/simulator/results/x.png', 403],
  ])('refuses %s', async (_, url, status) => {
    const { app, calls } = gateway()
    const res = await app.request(url === undefined ? '/api/image' : image(url))
    expect(res.status).toBe(status)
    expect(res.headers.get(REJECTED_BY_HEADER)).toBe('gateway')
    const body = await errorOf(res)
    expect(body.code).toBe(status === 400 ? 'InvalidParameter' : 'ImageUrlNotAllowed')
    expect(body.message.length).toBeGreaterThan(20)
    expect(calls).toHaveLength(0)
  })

  it('says why a host is refused', async () => {
    const { app } = gateway()
    const body = await errorOf(await app.request(image('https://evil.com/x.png')))
    expect(body.message).toContain('evil.com is not one of DashScope')
  })
})

describe('/api/image: what comes back', () => {
  it('does not follow a redirect', async () => {
    const { app, calls } = gateway(() => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } }))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(502)
    expect((await errorOf(res)).message).toContain('redirect (HTTP 302)')
    expect(calls).toHaveLength(1)
  })

  it.each(['text/html', 'application/json', 'image/svg+xml', ''])('refuses content type "%s"', async (type) => {
    const { app } = gateway(() => new Response('<svg/>', { headers: type ? { 'content-type': type } : {} }))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(502)
    expect((await errorOf(res)).code).toBe('UpstreamBadResponse')
  })

  it.each([403, 410])('turns %s from the result host into 410 LinkExpired', async (status) => {
    const { app } = gateway(() => new Response('<Error><Code>AccessDenied</Code></Error>', { status }))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(410)
    const body = await errorOf(res)
    expect(body.code).toBe('LinkExpired')
    expect(body.message).toMatch(/^The result link has expired \(links last 24 hours\)/)
  })

  it('answers 404 JSON for a missing image', async () => {
    const { app } = gateway(() => new Response('no', { status: 404 }))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(404)
    expect((await errorOf(res)).code).toBe('ImageNotFound')
  })

  it('answers 502 JSON for other upstream errors', async () => {
    const { app } = gateway(() => new Response('oops', { status: 500 }))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(502)
    expect((await errorOf(res)).message).toContain('HTTP 500')
  })

  it('refuses an image declared larger than 50 MB', async () => {
    const { app } = gateway(
      () => new Response('x', { headers: { 'content-type': 'image/png', 'content-length': String(MAX_IMAGE_BYTES + 1) } }),
    )
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(502)
    expect((await errorOf(res)).message).toContain('at most 50 MB')
  })

  it('cuts a stream without a length once it passes 50 MB', async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1)
    const { app } = gateway(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(big)
              controller.close()
            },
          }),
          { headers: { 'content-type': 'image/png' } },
        ),
    )
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(200)
    await expect(res.arrayBuffer()).rejects.toThrow()
  })

  it('answers 504 when the result host does not answer in time', async () => {
    const { app } = gateway(() => new Promise<Response>(() => {}), { timeouts: { imageMs: 20 } })
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(504)
    expect((await errorOf(res)).code).toBe('UpstreamTimeout')
  })

  it('answers 502 when the result host cannot be reached', async () => {
    const { app } = gateway(() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })))
    const res = await app.request(image(resultUrl()))
    expect(res.status).toBe(502)
    const body = await errorOf(res)
    expect(body.code).toBe('UpstreamUnavailable')
    expect(body.message).toContain(RESULT_HOSTS[0])
  })
})

describe('/api/image: the simulator’s links', () => {
  const link = 'http://127.0.0.1:8787/simulator/results/0b6f6f0e-8c1a-4a57-9b1e-3f5d8f0b6a11.png?Expires=1&Signature=ab'

  it('serves them in simulator mode through the simulator, in-process', async () => {
    const simulator = fakeSimulator(png)
    const network = captureFetch()
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator, fetch: network.fetch })
    const res = await app.request(image(link, 'http://127.0.0.1:8787'))
    expect(res.status).toBe(200)
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG)
    expect(simulator.calls.map((c) => c.url)).toEqual([link])
    expect(network.calls).toHaveLength(0)
  })

  it('still fetches the vendor’s result hosts in simulator mode', async () => {
    const network = captureFetch(png)
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator: fakeSimulator(), fetch: network.fetch })
    expect((await app.request(image(resultUrl()))).status).toBe(200)
    expect(network.calls).toHaveLength(1)
  })

  it.each([
    ['another origin', link.replace('127.0.0.1:8787', 'evil.com')],
    ['another port', link.replace(':8787', ':8788')],
    ['https instead of http', link.replace('http:', 'https:')],
    ['the simulator’s admin routes', 'http://127.0.0.1:8787/simulator/__admin/reset'],
    ['its API', 'http://127.0.0.1:8787/simulator/api/v1/tasks/t1'],
    ['a path that climbs out', 'http://127.0.0.1:8787/simulator/results/../__admin/stats'],
    ['an encoded climb', 'http://127.0.0.1:8787/simulator/results/%2e%2e/__admin/stats'],
    ['an encoded slash', 'http://127.0.0.1:8787/simulator/results/..%2F__admin%2Fstats'],
    ['the bare prefix', 'http://127.0.0.1:8787/simulator/results/'],
  ])('refuses %s', async (_, url) => {
    const simulator = fakeSimulator(png)
    const network = captureFetch()
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator, fetch: network.fetch })
    const res = await app.request(image(url, 'http://127.0.0.1:8787'))
    expect(res.status).toBe(403)
    expect(simulator.calls).toHaveLength(0)
    expect(network.calls).toHaveLength(0)
  })

  it('maps an expired simulator link (403) to 410 like the vendor’s', async () => {
    const simulator = fakeSimulator(() => Response.json({ code: 'AccessDenied' }, { status: 403 }))
    const app = createGateway({ mode: 'simulator', region: 'singapore', simulator })
    const res = await app.request(image(link, 'http://127.0.0.1:8787'))
    expect(res.status).toBe(410)
  })
})

describe('/api/image: a standalone simulator behind DASHSCOPE_BASE_URL', () => {
  it('fetches results below the base URL’s origin, and nothing else there', async () => {
    const { app, calls } = gateway(png, { baseUrl: 'http://127.0.0.1:9000/api/v1' })
    expect((await app.request(image('http://127.0.0.1:9000/results/abc.png?Expires=1'))).status).toBe(200)
    expect(calls.map((c) => c.url)).toEqual(['http://127.0.0.1:9000/results/abc.png?Expires=1'])
    for (const refused of [
      'http://127.0.0.1:9000/api/v1/tasks/t1',
      'http://127.0.0.1:9000/__admin/stats',
      'http://127.0.0.1:9001/results/abc.png',
      'http://localhost:9000/results/abc.png',
    ])
      expect((await app.request(image(refused))).status).toBe(403)
    expect(calls).toHaveLength(1)
  })

  it('follows a base path: /simulator/api/v1 serves /simulator/results/', async () => {
    const { app } = gateway(png, { baseUrl: 'http://127.0.0.1:9000/simulator/api/v1' })
    expect((await app.request(image('http://127.0.0.1:9000/simulator/results/abc.png'))).status).toBe(200)
    expect((await app.request(image('http://127.0.0.1:9000/results/abc.png'))).status).toBe(403)
  })
})
