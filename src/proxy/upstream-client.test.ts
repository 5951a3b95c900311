// @vitest-environment node
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync, rmSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import { join } from 'node:path'
import type { AddressInfo, Socket } from 'node:net'
import zlib from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DeadlineExceeded } from './upstream.ts'
import { callThrough, httpUpstream, UpstreamRequestFailed, type UpstreamCall } from './upstream-client.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

interface Seen {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
  socket: Socket
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean()
})

/** A real HTTP server answering with `answer`; returns its base URL and what it was sent. */
async function upstream(answer: (req: Seen, res: http.ServerResponse) => void) {
  const seen: Seen[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += String(chunk)))
    req.on('end', () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body, socket: req.socket }
      seen.push(entry)
      answer(entry, res)
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  cleanups.push(() => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(resolve))
  })
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

function client() {
  const c = httpUpstream()
  cleanups.push(() => c.close())
  return c.call
}

const call = (url: string, extra: Partial<UpstreamCall> = {}): UpstreamCall => ({
  url,
  method: 'GET',
  headers: {},
  timeoutMs: 10_000,
  ...extra,
})

const json = (res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

describe('httpUpstream', () => {
  it('sends a head made earlier only for the same frozen headers, method, URL and body length', async () => {
    const { base, seen } = await upstream((_, res) => json(res, 200, {}))
    const send = client()
    const frozen = Object.freeze({ 'x-kind': 'frozen' })
    const calls = [
      call(`${base}/a`, { headers: frozen }),
      call(`${base}/b?q=1`, { headers: frozen }),
      call(`${base}/a`, { headers: frozen, method: 'POST', body: Buffer.from('{"n":1}') }),
      call(`${base}/a`, { headers: frozen, method: 'POST', body: Buffer.from('{"n":100}') }),
      call(`${base}/a`, { headers: frozen }),
    ]
    for (const c of calls) await send(c)
    expect(seen.map((s) => `${s.method} ${s.url} ${s.headers['content-length'] ?? '-'} ${s.body}`)).toEqual([
      'GET /a - ',
      'GET /b?q=1 - ',
      'POST /a 7 {"n":1}',
      'POST /a 9 {"n":100}',
      'GET /a - ',
    ])
    // A record that may change is written anew for every call.
    const changing: Record<string, string> = { 'x-kind': 'first' }
    await send(call(`${base}/a`, { headers: changing }))
    changing['x-kind'] = 'second'
    await send(call(`${base}/a`, { headers: changing }))
    expect(seen.slice(-2).map((s) => s.headers['x-kind'])).toEqual(['first', 'second'])
    expect(seen.map((s) => s.headers['x-kind'])).toEqual(['frozen', 'frozen', 'frozen', 'frozen', 'frozen', 'first', 'second'])
  })

  it('sends method, path, query, headers and body, and reads status, headers and text', async () => {
    const { base, seen } = await upstream((_, res) => json(res, 400, { code: 'InvalidParameter' }, { 'x-request-id': 'r-1' }))
    const answer = await client()(
      call(`${base}/api/v1/services?x=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k' },
        body: Buffer.from('{"model":"m"}'),
      }),
    )
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/services?x=1', body: '{"model":"m"}' })
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'application/json', authorization: 'Bearer k', 'content-length': '13' })
    expect(answer.status).toBe(400)
    expect(JSON.parse(answer.text)).toEqual({ code: 'InvalidParameter' })
    expect(answer.headers).toContainEqual(['x-request-id', 'r-1'])
    expect(answer.headers).toContainEqual(['content-type', 'application/json'])
  })

  it('sends a GET without a body or length', async () => {
    const { base, seen } = await upstream((_, res) => json(res, 200, {}))
    await client()(call(`${base}/tasks/1`))
    expect(seen[0]!.headers['content-length']).toBeUndefined()
    expect(seen[0]!.headers['transfer-encoding']).toBeUndefined()
  })

  it('keeps the connection for the next call', async () => {
    const { base, seen } = await upstream((_, res) => json(res, 200, {}))
    const send = client()
    for (let i = 0; i < 3; i++) await send(call(`${base}/t/${i}`))
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1)
  })

  it('decodes a gzip or brotli answer', async () => {
    const body = JSON.stringify({ output: { task_status: 'SUCCEEDED', text: '海报' } })
    const { base } = await upstream((req, res) => {
      const br = req.url === '/br'
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': br ? 'br' : 'gzip' })
      res.end(br ? zlib.brotliCompressSync(body) : zlib.gzipSync(body))
    })
    const send = client()
    expect((await send(call(`${base}/gz`))).text).toBe(body)
    expect((await send(call(`${base}/br`))).text).toBe(body)
  })

  it('sends again, once, on a new connection when a kept one turns out closed', async () => {
    let requests = 0
    const { base, seen } = await upstream((req, res) => {
      requests++
      // the second request arrives on the kept connection: the server drops it unanswered
      if (requests === 2) req.socket.destroy()
      else json(res, 200, { n: requests })
    })
    const send = client()
    await send(call(`${base}/a`))
    const answer = await send(call(`${base}/b`, { method: 'POST', body: Buffer.from('{}') }))
    expect(JSON.parse(answer.text)).toEqual({ n: 3 })
    expect(seen.map((s) => s.url)).toEqual(['/a', '/b', '/b'])
    expect(seen[2]!.socket).not.toBe(seen[0]!.socket)
  })

  it('does not send again when a new connection fails', async () => {
    const { base, seen } = await upstream((req) => req.socket.destroy())
    const error = await client()(call(`${base}/x`, { method: 'POST', body: Buffer.from('{}') })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UpstreamRequestFailed)
    expect((error as Error & { cause: { code?: string } }).cause.code).toBe('ECONNRESET')
    expect(seen).toHaveLength(1)
  })

  it('names a refused connection by its code', async () => {
    const { base } = await upstream(() => {})
    cleanups.splice(0).forEach((c) => void c()) // closed: nothing listens there now
    await new Promise((resolve) => setTimeout(resolve, 50))
    const error = await client()(call(`${base}/x`)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UpstreamRequestFailed)
    expect((error as Error & { cause: { code?: string } }).cause.code).toBe('ECONNREFUSED')
  })

  it('stops at its deadline with DeadlineExceeded, and closes that connection', async () => {
    let closed = 0
    const { base } = await upstream((req) => req.socket.once('close', () => closed++)) // never answers
    const send = client()
    const started = performance.now()
    const slow = send(call(`${base}/slow`, { timeoutMs: 200 }))
    // A call due sooner, made later, is stopped at its own deadline, not the first one's.
    const sooner = send(call(`${base}/sooner`, { timeoutMs: 50 }))
    await expect(sooner).rejects.toBeInstanceOf(DeadlineExceeded)
    expect(performance.now() - started).toBeLessThan(190)
    await expect(slow).rejects.toThrow('no answer within 200 ms')
    expect(performance.now() - started).toBeGreaterThanOrEqual(199)
    await vi.waitFor(() => expect(closed).toBe(2))
  })

  it('fails an answer cut off mid-body', async () => {
    const { base } = await upstream((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
      res.write('{"partial":')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    await expect(client()(call(`${base}/cut`))).rejects.toBeInstanceOf(UpstreamRequestFailed)
  })
})

/** A self-signed certificate for localhost, made with openssl; undefined where there is none. */
function selfSigned(): { key: string; cert: string } | undefined {
  const dir = temporaryFolder('upstream-tls-')
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const made = spawnSync('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'],
    ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
  ])
  if (made.status !== 0) return undefined
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') }
}

describe('httpUpstream over TLS', () => {
  it('checks the upstream certificate: a self-signed one is refused, with its code', async (context) => {
    const pair = selfSigned()
    if (!pair) return context.skip()
    const server = https.createServer(pair, (_, res) => json(res, 200, {}))
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    cleanups.push(() => new Promise((resolve) => server.close(resolve)))
    const { port } = server.address() as AddressInfo
    const error = await client()(call(`https://localhost:${port}/x`)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UpstreamRequestFailed)
    expect((error as Error & { cause: { code?: string } }).cause.code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT')
  })
})

describe('callThrough', () => {
  it('turns a call into a Request (no redirects followed) and the Response into an answer', async () => {
    let seen: Request | undefined
    const send = callThrough(async (request) => {
      seen = request
      return Response.json({ ok: 1 }, { status: 201, headers: { 'x-a': 'b' } })
    })
    const answer = await send(
      call('http://upstream.test/v1?q=1', { method: 'POST', headers: { authorization: 'Bearer k' }, body: Buffer.from('{}') }),
    )
    expect(seen!.url).toBe('http://upstream.test/v1?q=1')
    expect(seen!.redirect).toBe('manual')
    expect(seen!.headers.get('authorization')).toBe('Bearer k')
    expect(await seen!.text()).toBe('{}')
    expect(answer).toEqual({ status: 201, headers: expect.arrayContaining([['x-a', 'b']]) as unknown, text: '{"ok":1}' })
  })
})
