// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import { API_PATHS } from '../shared/api-paths.ts'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { LIMITS } from '../shared/limits.ts'
import { ErrorBody } from '../shared/schemas.ts'
import { harness, imagesOf, UUID_V4, type Harness, type Reply } from '../testing/simulator-harness.ts'

let h: Harness
afterEach(() => h.sim.close())

function expectError(reply: Reply, status: number, code: string, message?: string | RegExp) {
  expect(reply.status).toBe(status)
  expect(reply.headers.get('content-type')).toContain('application/json')
  const body = ErrorBody.parse(reply.body)
  expect(body.request_id).toMatch(UUID_V4)
  expect(body.code).toBe(code)
  if (typeof message === 'string') expect(body.message).toBe(message)
  else if (message) expect(body.message).toMatch(message)
}

describe('authentication', () => {
  it('refuses a request without a key: 401 InvalidApiKey "No API-key provided."', async () => {
    h = harness()
    expectError(await h.t2i('a cat', {}, 'qwen-image-plus', { key: null }), 401, 'InvalidApiKey', ERROR_MESSAGES.noKey)
    expectError(await h.task('x', { key: null }), 401, 'InvalidApiKey', ERROR_MESSAGES.noKey)
  })

  it('refuses a wrong key or scheme: 401 InvalidApiKey "Invalid API-key provided."', async () => {
    h = harness()
    expectError(await h.t2i('a cat', {}, 'qwen-image-plus', { key: 'sk-wrong' }), 401, 'InvalidApiKey', ERROR_MESSAGES.invalidKey)
    const basic = await h.call('GET', API_PATHS.task('x'), { key: null, headers: { Authorization: 'Basic abc' } })
    expectError(basic, 401, 'InvalidApiKey', ERROR_MESSAGES.invalidKey)
  })

  it('accepts any configured key, and keys can change at run time', async () => {
    h = harness({ apiKeys: ['k1', 'k2'] })
    expect((await h.task('x', { key: 'k2' })).status).toBe(200)
    h.sim.configure({ apiKeys: ['k3'] })
    expect((await h.task('x', { key: 'k2' })).status).toBe(401)
    expect((await h.task('x', { key: 'k3' })).status).toBe(200)
  })
})

describe('request errors', () => {
  it('answers 403 AccessDenied with the exact message when X-DashScope-Async is missing', async () => {
    h = harness()
    const reply = await h.call('POST', API_PATHS.imageSynthesis, { body: { model: 'qwen-image-plus', input: { prompt: 'a cat' } } })
    expectError(reply, 403, 'AccessDenied', ERROR_MESSAGES.syncNotSupported)
    const wrongValue = await h.submit('a cat', {}, { headers: { 'X-DashScope-Async': 'disable' } })
    expectError(wrongValue, 403, 'AccessDenied', ERROR_MESSAGES.syncNotSupported)
  })

  it('answers invalid JSON with 400 InvalidParameter', async () => {
    h = harness()
    expectError(await h.multimodal('{"model": '), 400, 'InvalidParameter', /not valid JSON/)
    expectError(await h.multimodal(''), 400, 'InvalidParameter', /not valid JSON/)
  })

  it('answers an unknown model with 404 ModelNotFound, a missing one with 400 BadRequest.EmptyModel', async () => {
    h = harness()
    expectError(await h.t2i('a cat', {}, 'qwen-image-9'), 404, 'ModelNotFound', /qwen-image-9/)
    expectError(await h.submit('a cat', {}, {}, 'wanx-v9'), 404, 'ModelNotFound', /wanx-v9/)
    expectError(await h.multimodal({ input: {} }), 400, 'BadRequest.EmptyModel')
    expectError(await h.multimodal({ model: 'qwen-image-plus' }), 400, 'BadRequest.EmptyInput')
  })

  it('refuses edit models on the async endpoint with the contract issue', async () => {
    h = harness()
    expectError(await h.submit('a cat', {}, {}, 'qwen-image-edit-plus'), 400, 'InvalidParameter', /does not support asynchronous calls/)
  })

  it('names the field of each violated text-to-image limit', async () => {
    h = harness()
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ n: 2 }, 'qwen-image-plus', /parameters\.n must be 1/],
      [{ n: 2 }, 'qwen-image', /parameters\.n must be 1/],
      [{ n: 1.5 }, 'qwen-image-plus', /parameters\.n must be an integer/],
      [{ seed: LIMITS.seedMin - 1 }, 'qwen-image-plus', /parameters\.seed/],
      [{ seed: LIMITS.seedMax + 1 }, 'qwen-image-plus', /parameters\.seed/],
      [{ seed: 1.5 }, 'qwen-image-plus', /parameters\.seed/],
      [{ seed: 'x' }, 'qwen-image-plus', /parameters\.seed/],
      [{ size: '1024*1024' }, 'qwen-image-plus', /parameters\.size must be one of 1664\*928/],
      [{ size: '1664x928' }, 'qwen-image', /parameters\.size/],
      [{ watermark: 'yes' }, 'qwen-image-plus', /parameters\.watermark/],
    ]
    for (const [parameters, model, message] of cases) {
      expectError(await h.t2i('a cat', parameters, model), 400, 'InvalidParameter', message)
      expectError(await h.submit('a cat', parameters, {}, model), 400, 'InvalidParameter', message)
    }
    expectError(await h.t2i('   '), 400, 'InvalidParameter', /must not be empty/)
    expectError(await h.submit(''), 400, 'InvalidParameter', /input\.prompt/)
    expect(h.sim.stats().submissions).toBe(0)
  })

  it('accepts the seed range ends', async () => {
    h = harness()
    expect((await h.submit('a cat', { seed: LIMITS.seedMin })).status).toBe(200)
    h.clock.advance(1000)
    expect((await h.submit('a cat', { seed: LIMITS.seedMax })).status).toBe(200)
  })

  it('answers unknown paths and methods with a JSON 404', async () => {
    h = harness()
    expectError(await h.call('GET', '/services/nothing'), 404, 'NotFound', /GET \/api\/v1\/services\/nothing/)
    expectError(await h.call('GET', API_PATHS.multimodal), 404, 'NotFound')
  })
})

describe('mounting', () => {
  it('serves under basePath, builds result links from the request origin + basePath', async () => {
    h = harness({ basePath: '/simulator' })
    const reply = await h.t2i('a cat', { size: '928*1664' })
    expect(reply.status).toBe(200)
    const url = imagesOf(reply)[0]!
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/simulator\/results\/[0-9a-f-]{36}\.png\?Expires=\d+&Signature=[0-9a-f]{64}$/)
    expect((await h.download(url)).status).toBe(200)
    // Without the prefix nothing matches.
    const outside = await h.sim.fetch(
      new Request('http://127.0.0.1:8787/api/v1/tasks/x', { headers: { Authorization: 'Bearer sim-local-key' } }),
    )
    expect(outside.status).toBe(404)
  })

  it('answers under any origin and a nested prefix ending in /api/v1', async () => {
    h = harness({ basePath: '/a/b/' })
    const res = await h.sim.fetch(
      new Request('https://studio.example:4443/a/b/api/v1/tasks/nope', { headers: { Authorization: 'Bearer sim-local-key' } }),
    )
    expect(res.status).toBe(200)
    expect(((await res.json()) as { output: { task_status: string } }).output.task_status).toBe('UNKNOWN')
  })

  it('puts a fresh UUID v4 request_id on every API response', async () => {
    h = harness()
    const ids = new Set<string>()
    for (const reply of [await h.task('a'), await h.task('a'), await h.t2i('x', { n: 9 }), await h.cancel('zz')]) {
      const { request_id } = z.object({ request_id: z.string() }).parse(reply.body)
      expect(request_id).toMatch(UUID_V4)
      ids.add(request_id)
    }
    expect(ids.size).toBe(4)
  })
})
