// @vitest-environment node
/**
 * The forwarder (./api-routes.ts) on its own, with a recording upstream: a body that is already
 * read goes upstream in the same turn, without waiting behind whatever else is queued.
 */
import { describe, expect, it } from 'vitest'
import { createApiForwarder, type ApiRequest } from './api-routes.ts'
import type { UpstreamCall } from './upstream-client.ts'

const synthesis = Buffer.from(JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a lighthouse' }, parameters: { n: 1 } }))

function forwarder() {
  const sent: UpstreamCall[] = []
  const forward = createApiForwarder({
    apiKey: 'sk-routes-test',
    baseUrlFor: () => 'http://upstream.test/api/v1',
    call: async (call) => {
      sent.push(call)
      return { status: 200, headers: [['content-type', 'application/json']], text: '{"output":{}}' }
    },
    timeouts: { multimodalMs: 1000, defaultMs: 1000 },
    name: 'the test upstream',
  })
  return { forward, sent }
}

const headers: Record<string, string> = { 'content-type': 'application/json', host: '127.0.0.1' }
const request = (method: string, readBody: ApiRequest['readBody']): ApiRequest => ({
  method,
  header: (name) => headers[name],
  search: '',
  origin: 'http://127.0.0.1',
  readBody,
})

describe('createApiForwarder', () => {
  it('sends a body already read upstream before it returns, and one still arriving once it has come', async () => {
    const { forward, sent } = forwarder()
    const ready = forward(
      'imageSynthesis',
      '',
      request('POST', () => synthesis),
    )
    expect(sent.map((c) => c.url)).toEqual(['http://upstream.test/api/v1/services/aigc/text2image/image-synthesis'])
    expect((await ready).status).toBe(200)

    let arrive: (body: Buffer) => void = () => {}
    const later = forward(
      'imageSynthesis',
      '',
      request('POST', () => new Promise((resolve) => (arrive = resolve))),
    )
    await Promise.resolve()
    expect(sent).toHaveLength(1)
    arrive(synthesis)
    expect((await later).status).toBe(200)
    expect(sent).toHaveLength(2)
    expect(Buffer.from(sent[1]!.body!).toString()).toBe(synthesis.toString())
  })

  it('sends a poll upstream before it returns', () => {
    const { forward, sent } = forwarder()
    void forward(
      'task',
      't-1',
      request('GET', () => Promise.reject(new Error('a poll has no body to read'))),
    )
    expect(sent.map((c) => `${c.method} ${c.url}`)).toEqual(['GET http://upstream.test/api/v1/tasks/t-1'])
  })
})
