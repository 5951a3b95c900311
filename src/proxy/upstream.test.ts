// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ErrorBody } from '../shared/schemas.ts'
import { DeadlineExceeded, relayedHeaders, upstreamFailure, upstreamHeaders, USER_AGENT, withDeadline } from './upstream.ts'

describe('upstreamHeaders', () => {
  it('keeps only the documented request headers and sets the key and user agent', () => {
    const incoming = new Headers({
      Authorization: 'Bearer browser-key',
      Cookie: 'session=1',
      'X-Api-Key': 'other',
      Origin: 'http://127.0.0.1:5173',
      Referer: 'http://127.0.0.1:5173/',
      'X-Forwarded-For': '10.0.0.1',
      'User-Agent': 'Mozilla/5.0',
      'Content-Type': 'application/json; charset=utf-8',
      Accept: 'application/json',
      'X-DashScope-Async': 'enable',
      'X-DashScope-DataInspection': '{"input":"disable"}',
      'X-DashScope-WorkSpace': 'ws-1',
      'X-DashScope-OssResourceResolve': 'enable',
    })
    const headers = upstreamHeaders((name) => incoming.get(name) ?? undefined, 'sk-gateway')
    expect(headers).toEqual({
      authorization: 'Bearer sk-gateway',
      'user-agent': USER_AGENT,
      'content-type': 'application/json; charset=utf-8',
      accept: 'application/json',
      'x-dashscope-async': 'enable',
      'x-dashscope-datainspection': '{"input":"disable"}',
      'x-dashscope-workspace': 'ws-1',
      'x-dashscope-ossresourceresolve': 'enable',
    })
  })
})

describe('relayedHeaders', () => {
  it('drops hop-by-hop headers, cookies, encoding and length, and headers named by Connection', () => {
    const upstream = new Headers([
      ['content-type', 'application/json'],
      ['x-request-id', 'r-1'],
      ['connection', 'keep-alive, X-Private-Hop'],
      ['keep-alive', 'timeout=5'],
      ['x-private-hop', 'secret'],
      ['transfer-encoding', 'chunked'],
      ['content-encoding', 'gzip'],
      ['content-length', '10'],
      ['set-cookie', 'a=1'],
      ['proxy-authenticate', 'Basic'],
      ['upgrade', 'h2c'],
    ])
    expect({ ...relayedHeaders(upstream) }).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'r-1',
    })
  })
})

describe('withDeadline', () => {
  it('returns what the work returns in time', async () => {
    await expect(withDeadline(1000, () => Promise.resolve(42))).resolves.toBe(42)
  })

  it('aborts the signal and rejects with DeadlineExceeded, even when the work ignores the signal', async () => {
    let seen: AbortSignal | undefined
    const never = new Promise<never>(() => {})
    const error = await withDeadline(20, (signal) => {
      seen = signal
      return never
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DeadlineExceeded)
    expect((error as DeadlineExceeded).ms).toBe(20)
    expect(seen?.aborted).toBe(true)
  })

  it('passes on the work’s own failure', async () => {
    await expect(withDeadline(1000, () => Promise.reject(new TypeError('fetch failed')))).rejects.toThrow('fetch failed')
  })
})

describe('upstreamFailure', () => {
  it('is a 504 UpstreamTimeout for a deadline', async () => {
    const res = upstreamFailure(new DeadlineExceeded(30_000), 'DashScope (singapore)')
    expect(res.status).toBe(504)
    const body = ErrorBody.parse(await res.json())
    expect(body.code).toBe('UpstreamTimeout')
    expect(body.message).toContain('No answer from DashScope (singapore) within 30 s')
    expect(body.request_id).toMatch(/^studio-[0-9a-f-]{36}$/)
  })

  it('is a 502 UpstreamUnavailable naming the cause for a network failure', async () => {
    const res = upstreamFailure(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }), 'DashScope (beijing)')
    expect(res.status).toBe(502)
    expect(res.headers.get('content-type')).toContain('application/json')
    const body = ErrorBody.parse(await res.json())
    expect(body).toMatchObject({ code: 'UpstreamUnavailable' })
    expect(body.message).toBe('The studio could not reach DashScope (beijing) (ECONNREFUSED). Check the network connection and try again.')
  })
})
