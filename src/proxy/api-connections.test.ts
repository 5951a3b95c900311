// @vitest-environment node
/**
 * The studio's own reading of its connections (./api-connections.ts), on real sockets: which
 * requests it answers itself, that it hands a connection to Node's server with every byte at the
 * first request it does not take, that whatever it does not read strictly is answered as Node's
 * server alone answers it, and that it closes connections as Node's server would.
 */
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS } from '../shared/api-paths.ts'
import { captureFetch } from '../testing/test-upstream.ts'
import { serveApiConnections } from './api-connections.ts'
import { studioListener } from './api-fast-path.ts'
import { buildGateway } from './create-gateway.ts'

const task = (id: string) => `/api/v1${API_PATHS.task(id)}`
const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}\r\n`
const submit = (body: string) =>
  `POST /api/v1${API_PATHS.imageSynthesis} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
const synthesis = JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a lighthouse' }, parameters: { size: '1328*1328', n: 1 } })

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

/** Reads `count` answers (each with a Content-Length) off `socket`, in order. */
function answers(socket: Socket, count: number): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    let bytes = Buffer.alloc(0)
    const read: Answer[] = []
    const onData = (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk])
      for (;;) {
        const end = bytes.indexOf('\r\n\r\n')
        if (end < 0) return
        const [statusLine, ...lines] = bytes.toString('latin1', 0, end).split('\r\n')
        const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
        const length = Number(headers['content-length'] ?? 0)
        if (bytes.byteLength < end + 4 + length) return
        read.push({ status: Number(statusLine!.split(' ')[1]), headers, body: bytes.toString('utf8', end + 4, end + 4 + length) })
        bytes = bytes.subarray(end + 4 + length)
        if (read.length === count) {
          socket.off('data', onData)
          return resolve(read)
        }
      }
    }
    socket.on('data', onData)
    socket.once('error', reject)
    socket.once('close', () => read.length < count && reject(new Error(`closed after ${read.length} of ${count} answers`)))
  })
}

async function open(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1')
  await once(socket, 'connect')
  return socket
}

/** The task id an answer names. */
const taskIdOf = (answer: Answer | undefined) => (JSON.parse(answer!.body) as { output: { task_id: string } }).output.task_id

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function listening(server: Server): Promise<number> {
  if (!server.listening) await once(server, 'listening')
  return (server.address() as AddressInfo).port
}

describe("the studio's own connections", () => {
  const upstream = captureFetch(async (request) =>
    Response.json({ request_id: 'up', output: { task_id: new URL(request.url).pathname.split('/').pop(), task_status: 'PENDING' } }),
  )
  const gateway = buildGateway({ mode: 'live', region: 'singapore', apiKey: 'sk-connections-test', fetch: upstream.fetch })
  // The studio as main.ts serves it, and Node's server alone (the fast path still first) to compare with.
  const studio = createServer(studioListener(gateway.app, gateway.fastPath, '127.0.0.1'))
  const connections = serveApiConnections(studio, gateway.fastPath)
  const nodeOnly = createServer(studioListener(gateway.app, gateway.fastPath, '127.0.0.1'))
  /** Requests Node's server parsed on the studio's port: the ones the studio's own reading left to it. */
  let nodeRequests = 0
  studio.on('request', () => nodeRequests++)
  const ports = { studio: 0, nodeOnly: 0 }
  const sockets: Socket[] = []
  const connectTo = async (port: number) => {
    const socket = await open(port)
    sockets.push(socket)
    return socket
  }

  beforeAll(async () => {
    studio.listen(0, '127.0.0.1')
    nodeOnly.listen(0, '127.0.0.1')
    ports.studio = await listening(studio)
    ports.nodeOnly = await listening(nodeOnly)
  })
  afterAll(() => {
    for (const socket of sockets) socket.destroy()
    connections.closeAll()
    for (const server of [studio, nodeOnly]) {
      server.close()
      server.closeAllConnections()
    }
  })

  it('answers plain calls itself, pipelined ones in order, and keeps the connection', async () => {
    const [before, calls] = [nodeRequests, upstream.calls.length]
    const socket = await connectTo(ports.studio)
    const first = answers(socket, 3)
    socket.write(get(task('one')) + submit(synthesis) + get(task('two')))
    const got = await first
    expect(got.map((a) => [a.status, taskIdOf(a)])).toEqual([
      [200, 'one'],
      [200, 'image-synthesis'],
      [200, 'two'],
    ])
    expect(got[0]!.headers).toMatchObject({ connection: 'keep-alive', 'keep-alive': 'timeout=5', 'content-type': 'application/json' })
    expect(got[0]!.headers.date).toMatch(/GMT$/)
    const later = answers(socket, 1)
    socket.write(get(task('three')))
    expect(taskIdOf((await later)[0])).toBe('three')
    expect(nodeRequests - before).toBe(0)
    expect(upstream.calls.length - calls).toBe(4)
  })

  it('remembers what it made of a head by its header lines and request line, never more', async () => {
    const [before, calls] = [nodeRequests, upstream.calls.length]
    const socket = await connectTo(ports.studio)
    const other = JSON.stringify({ model: 'qwen-image-plus', input: { prompt: 'a harbour at noon' } })
    const got = answers(socket, 7)
    // Header blocks and request lines alternate and repeat on one connection, as a poller's and a submitter's do.
    socket.write(
      get(task('a')) +
        submit(synthesis) +
        get(task('b')) +
        get(task('a')) +
        submit(other) +
        get(task('a'), 'X-DashScope-WorkSpace: ws-2\r\n') +
        get(task('c')),
    )
    expect((await got).map(taskIdOf)).toEqual(['a', 'image-synthesis', 'b', 'a', 'image-synthesis', 'a', 'c'])
    const sent = upstream.calls.slice(calls)
    expect(sent.map((c) => `${c.method} ${new URL(c.url).pathname.split('/').pop()}`)).toEqual([
      'GET a',
      'POST image-synthesis',
      'GET b',
      'GET a',
      'POST image-synthesis',
      'GET a',
      'GET c',
    ])
    expect([sent[1]!.body, sent[4]!.body].map((body) => Buffer.from(body).toString())).toEqual([synthesis, other])
    expect(sent.map((c) => c.headers.get('x-dashscope-workspace'))).toEqual([null, null, null, null, null, 'ws-2', null])
    expect(nodeRequests - before).toBe(0)
  })

  it('hands the connection to Node at the first request it does not take, with every byte', async () => {
    const before = nodeRequests
    const socket = await connectTo(ports.studio)
    const got = answers(socket, 4)
    // A plain call, then another route and a plain call behind it in the same write, then one more.
    socket.write(get(task('a')) + get('/api/health') + get(task('b')))
    await pause(20)
    socket.write(get(task('c')))
    const [a, health, b, c] = await got
    expect([a!.status, health!.status, b!.status, c!.status]).toEqual([200, 200, 200, 200])
    expect((JSON.parse(health!.body) as { status: string }).status).toBe('ok')
    expect([taskIdOf(b), taskIdOf(c)]).toEqual(['b', 'c'])
    // Node parsed all three after the first: the connection is Node's from the health check on.
    expect(nodeRequests - before).toBe(3)
  })

  it('leaves a head or a body still on its way to Node, which waits for the rest', async () => {
    const before = nodeRequests
    const split = await connectTo(ports.studio)
    const splitAnswer = answers(split, 1)
    split.write('GET /api/v1/tasks/sp')
    await pause(30)
    split.write('lit HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    expect(taskIdOf((await splitAnswer)[0])).toBe('split')

    const slowBody = await connectTo(ports.studio)
    const bodyAnswer = answers(slowBody, 1)
    const whole = submit(synthesis)
    slowBody.write(whole.slice(0, whole.length - 10))
    await pause(30)
    slowBody.write(whole.slice(whole.length - 10))
    expect((await bodyAnswer)[0]!.status).toBe(200)
    expect(nodeRequests - before).toBe(2)
  })

  /**
   * What each server answers to the same bytes on a new connection, in 300 ms: every byte (its
   * Date and the studio's request ids blanked out), and whether it then closed the connection.
   */
  async function bothAnswers(bytes: string) {
    const answer = async (port: number) => {
      const socket = await connectTo(port)
      let text = ''
      let closed = false
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')))
      socket.once('close', () => (closed = true))
      socket.write(bytes)
      await Promise.race([once(socket, 'close'), pause(300)])
      return { text: text.replace(/^Date: .*\r\n/gim, '').replace(/studio-[0-9a-f-]{36}/g, 'studio-<id>'), closed }
    }
    return [await answer(ports.studio), await answer(ports.nodeOnly)]
  }

  it.each([
    ['a folded header line', `GET ${task('f')} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n b\r\n\r\n`],
    ['bare LF line ends', `GET ${task('lf')} HTTP/1.1\nHost: 127.0.0.1\n\n`],
    ['a bare LF inside a head', `GET ${task('lf')} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-One: a\nX-Two: b\r\n\r\n`],
    ['a bare CR inside a head', `GET ${task('cr')} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-One: a\rX-Two: b\r\n\r\n`],
    ['HTTP/1.0', `GET ${task('old')} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n`],
    [
      'a length and chunks both (a smuggling attempt)',
      `POST /api/v1${API_PATHS.imageSynthesis} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
    ],
    [
      'two lengths',
      `POST /api/v1${API_PATHS.imageSynthesis} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
    ],
    ['an upgrade', get(task('up'), 'Connection: Upgrade\r\nUpgrade: websocket\r\n')],
    ['a control character in a header', get(task('ctl'), 'X-Bad: a\u0001b\r\n')],
    ['a byte past ASCII in a header', get(task('hi'), 'X-Name: caf\u00e9\r\n')],
    ['a space in the target', `GET /api/v1/tasks/a b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`],
    ['a head larger than 16 KB', get(task('big'), `X-Big: ${'x'.repeat(17 * 1024)}\r\n`)],
  ])('%s: answered as Node alone answers it', async (_name, bytes) => {
    const [fromStudio, fromNode] = await bothAnswers(bytes)
    expect(fromStudio!.text).toMatch(/^HTTP\/1\.1 \d{3} /)
    expect(fromStudio).toEqual(fromNode)
  })

  it('closes the connection after an answer to Connection: close, and after a half-close', async () => {
    const asked = await connectTo(ports.studio)
    const closed = once(asked, 'end')
    const got = answers(asked, 1)
    asked.write(get(task('bye'), 'Connection: close\r\n'))
    expect((await got)[0]!.headers.connection).toBe('close')
    await closed

    const half = await connectTo(ports.studio)
    const halfGot = answers(half, 1)
    const ended = once(half, 'end')
    half.end(get(task('half')))
    expect(taskIdOf((await halfGot)[0])).toBe('half')
    await ended
  })

  it("closes a connection idle past Node's keepAliveTimeout, and every one on closeAll", async () => {
    const keepAlive = studio.keepAliveTimeout
    studio.keepAliveTimeout = 200
    try {
      const socket = await connectTo(ports.studio)
      const got = answers(socket, 1)
      socket.write(get(task('idle')))
      await got
      const answeredAt = performance.now()
      await once(socket, 'close')
      // Looked over once a second: closed between the timeout and a second after it.
      expect(performance.now() - answeredAt).toBeGreaterThanOrEqual(190)
      expect(performance.now() - answeredAt).toBeLessThan(1500)
    } finally {
      studio.keepAliveTimeout = keepAlive
    }
    const open = await connectTo(ports.studio)
    const got = answers(open, 1)
    open.write(get(task('kept')))
    await got
    const closed = once(open, 'close')
    connections.closeAll()
    await closed
  })
})
