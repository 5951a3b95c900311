// @vitest-environment node
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readBody, TOO_COMPLEX, TOO_LARGE } from './request-body.ts'

const MAX = 64 * 1024

/** Answers with the body's length and SHA-like checksum, or 413, read as the gateway reads. */
function bodyApp() {
  const app = new Hono()
  app.post('/', async (c) => {
    const json = c.req.query('json') !== undefined
    const body = await readBody(c, json ? 16 * MAX : MAX, { json })
    if (body === TOO_LARGE) return c.text('too large', 413)
    if (body === TOO_COMPLEX) return c.text('too complex', 413)
    let sum = 0
    for (const b of body) sum = (sum * 31 + b) >>> 0
    return c.json({ length: body.byteLength, sum })
  })
  return app
}

const checksum = (bytes: Uint8Array) => bytes.reduce((sum, b) => (sum * 31 + b) >>> 0, 0)
const bytesOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 13) & 255)

/** A POST over node:http: with Content-Length, or chunked (written in pieces, no length). */
async function post(url: string, body: Uint8Array, chunked: boolean): Promise<{ status: number; text: string }> {
  const request = http.request(url, {
    method: 'POST',
    headers: chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.byteLength) },
  })
  request.on('error', () => {}) // the server may close early after a 413
  const answered = once(request, 'response') as Promise<[http.IncomingMessage]>
  if (chunked) for (let i = 0; i < body.length; i += 10_000) request.write(body.subarray(i, i + 10_000))
  else request.write(body)
  request.end()
  const [response] = await answered
  let text = ''
  for await (const chunk of response) text += String(chunk)
  return { status: response.statusCode!, text }
}

describe('readBody over a real server (Node IncomingMessage)', () => {
  let server: ServerType
  let url: string
  beforeAll(async () => {
    server = serve({ fetch: bodyApp().fetch, hostname: '127.0.0.1', port: 0 })
    await once(server, 'listening')
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  for (const chunked of [false, true]) {
    const how = chunked ? 'chunked' : 'with a length'
    it(`reads a body ${how} whole, up to the limit`, async () => {
      for (const n of [0, 1, 50_000, MAX]) {
        const body = bytesOf(n)
        const res = await post(url, body, chunked)
        expect(res.status).toBe(200)
        expect(JSON.parse(res.text)).toEqual({ length: n, sum: checksum(body) })
      }
    })
    it(`refuses a body ${how} one byte over the limit`, async () => {
      expect((await post(url, bytesOf(MAX + 1), chunked)).status).toBe(413)
    })
  }

  for (const chunked of [false, true])
    it(`meters JSON structure as it arrives (${chunked ? 'chunked' : 'with a length'}): a flood of values is refused, a long string is not`, async () => {
      const flood = new TextEncoder().encode(`[${'{},'.repeat(300_000)}{}]`)
      expect(await post(`${url}?json`, flood, chunked)).toEqual({ status: 413, text: 'too complex' })
      const text = new TextEncoder().encode(JSON.stringify(['x'.repeat(900_000)]))
      expect((await post(`${url}?json`, text, chunked)).status).toBe(200)
    })

  it('judges a declared length before reading', async () => {
    const request = http.request(url, { method: 'POST', headers: { 'content-length': String(MAX + 1) } })
    request.on('error', () => {})
    request.flushHeaders() // no byte of the body is ever sent
    const [response] = (await once(request, 'response')) as [http.IncomingMessage]
    expect(response.statusCode).toBe(413)
    request.destroy()
  })
})

describe('readBody without Node (Request streams)', () => {
  it('reads a body and refuses one over the limit', async () => {
    const app = bodyApp()
    const ok = await app.request('/', { method: 'POST', body: bytesOf(1000) })
    expect(await ok.json()).toEqual({ length: 1000, sum: checksum(bytesOf(1000)) })
    expect((await app.request('/', { method: 'POST', body: bytesOf(MAX + 1) })).status).toBe(413)
  })
})
