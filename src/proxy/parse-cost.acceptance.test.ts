// @vitest-environment node
/**
 * Acceptance: parse-cost floods. A ~37 MB JSON body of tiny values (`[{},{},…]`), within the byte
 * limit, used to hold the event loop 6-8 s and add ~1 GB. Sent to the gateway's /api/v1 and to
 * the embedded simulator, alone and four at once, it is refused; health checks sent meanwhile are
 * answered at once; the server's RSS barely grows. The studio runs in its own process (the real
 * `main.ts`), so the test's own work (building and sending the bodies) does not count against it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const FLOOD_BYTES = 37 * 1024 * 1024
const MB = 1024 * 1024
/** See the assertion: the bound for the slowest health check while floods arrive. */
const MAX_LATENCY_MS = 1000

/** `[{},{},…,{}]`, valid JSON of about FLOOD_BYTES. */
function flood(): Buffer {
  const values = Math.floor((FLOOD_BYTES - 4) / 3)
  const body = Buffer.alloc(3 * values + 4)
  body.write('[')
  body.fill('{},', 1, 1 + 3 * values)
  body.write('{}]', 1 + 3 * values)
  return body
}

const TARGETS = [
  { name: 'gateway /api/v1', path: `/api/v1${API_PATHS.imageSynthesis}`, status: 413, code: 'PayloadTooLarge' },
  { name: 'simulator', path: `/simulator/api/v1${API_PATHS.imageSynthesis}`, status: 400, code: 'InvalidParameter' },
]

function rssBytes(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) * 1024
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

/**
 * Sends the floods from a worker thread, so that writing 37 MB bodies never delays the health
 * checks of the main thread: what they measure is the server. Posts `rounds` of [path, path, …]
 * at once per round, and answers with "status code" per post.
 */
const SENDER = `
const http = require('node:http')
const { parentPort, workerData } = require('node:worker_threads')
const { bytes, rounds, headers } = workerData
const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
function post(url) {
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.byteLength) } })
    let answered = false
    // The server may close the connection on the rest of the body once it has answered.
    request.on('socket', (socket) => socket.on('error', () => {}))
    request.on('response', (res) => {
      answered = true
      let text = ''
      res.on('data', (chunk) => (text += chunk))
      res.on('end', () => resolve(res.statusCode + ' ' + JSON.parse(text).code))
    })
    // An error after the answer (the server stopped reading the rest) is fine; one before it is not.
    request.on('error', (error) => { if (!answered) resolve('0 ' + (error.code || error.message)) })
    request.end(body)
  })
}
;(async () => {
  const answers = []
  for (const round of rounds) answers.push(await Promise.all(round.map(post)))
  parentPort.postMessage(answers)
})()
`

function sendFloods(body: Buffer, rounds: string[][]): Promise<string[][]> {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer sim-local-key', [ASYNC_HEADER]: 'enable' }
  const worker = new Worker(SENDER, { eval: true, workerData: { bytes: body, rounds, headers } })
  return new Promise((resolve, reject) => {
    worker.once('message', (answers: string[][]) => {
      resolve(answers)
      void worker.terminate()
    })
    worker.once('error', reject)
  })
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

describe('acceptance: parse-cost floods', () => {
  let child: ChildProcess
  let url: string

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/proxy/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', DASHSCOPE_API_KEY: '', SIMULATOR_SYNC_MS: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const deadline = Date.now() + 60_000
    while (!/on (http:\S+)/.test(out) && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 50))
    url = /on (http:\S+)/.exec(out)?.[1] ?? ''
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  }, 70_000)

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  })

  it(
    'refuses 37 MB of tiny values; health checks meanwhile: median < 50 ms, max bounded; RSS grows < 100 MB',
    { timeout: 120_000 },
    async () => {
      const body = flood()
      expect(body.byteLength).toBeLessThan(MAX_BODY_BYTES)
      // Warm up the paths a flood takes, so that first-use compilation is not counted.
      for (let i = 0; i < 20; i++) await get(`${url}/api/health`)
      await sendFloods(body.subarray(0, 2 * MB), [TARGETS.map((t) => `${url}${t.path}`)])
      const pid = child.pid!
      const rssBefore = rssBytes(pid)
      let rssPeak = rssBefore

      /** Health checks every 5 ms until `done`: their latencies. */
      async function healthChecks(done: () => boolean): Promise<number[]> {
        const latencies: number[] = []
        while (!done()) {
          const started = performance.now()
          expect(await get(`${url}/api/health`)).toBe(200)
          latencies.push(performance.now() - started)
          rssPeak = Math.max(rssPeak, rssBytes(pid))
          await new Promise((r) => setTimeout(r, 5))
        }
        return latencies
      }
      // The same checks on the idle server first: what the machine's load alone gives.
      const idleUntil = performance.now() + 1000
      const idle = [...(await healthChecks(() => performance.now() > idleUntil))].sort((a, b) => a - b)

      let flooding = true
      const poll = healthChecks(() => !flooding)

      // Each target alone, then four floods at once.
      const paths = TARGETS.map((t) => `${url}${t.path}`)
      const rounds = [...paths.map((p) => [p]), [...paths, ...paths]]
      const started = performance.now()
      const answers = await sendFloods(body, rounds)
      const floodMs = performance.now() - started
      const expected = rounds.map((round) => round.map((p) => TARGETS.map((t) => `${t.status} ${t.code}`)[paths.indexOf(p)]!))
      // A server that answered before the body was in closes the connection on the rest of it (it
      // reads at most 64 MB or 500 ms more); a client still writing may then see the reset first.
      const closed = ['0 EPIPE', '0 ECONNRESET']
      const unexpected = answers.flatMap((round, r) => round.filter((a, i) => a !== expected[r]![i] && !closed.includes(a)))
      const read = answers.flat().filter((a) => !closed.includes(a)).length
      await new Promise((r) => setTimeout(r, 100))
      flooding = false
      const latencies = await poll
      const floods = answers.flat().length

      const sorted = [...latencies].sort((a, b) => a - b)
      const median = percentile(sorted, 0.5)
      const max = sorted.at(-1)!
      const growthMb = (rssPeak - rssBefore) / MB
      console.log(
        `parse cost: ${floods} floods of ${(FLOOD_BYTES / MB).toFixed(0)} MB [{},{},…] (each target alone, then 4 at once: ` +
          `${[...new Set(answers.flat())].join(', ')}; ${read} answers read) in ${floodMs.toFixed(0)} ms; ` +
          `${latencies.length} health checks meanwhile: median ${median.toFixed(1)} ms, ` +
          `p95 ${percentile(sorted, 0.95).toFixed(1)} ms, max ${max.toFixed(1)} ms; server RSS ${(rssBefore / MB).toFixed(0)} MB -> peak ` +
          `${(rssPeak / MB).toFixed(0)} MB (+${growthMb.toFixed(1)} MB); idle server for comparison: ${idle.length} checks, ` +
          `median ${percentile(idle, 0.5).toFixed(1)} ms, max ${idle.at(-1)!.toFixed(1)} ms`,
      )
      expect(unexpected).toEqual([])
      expect(read).toBeGreaterThanOrEqual(floods / 2)
      expect(latencies.length).toBeGreaterThan(5)
      expect(median).toBeLessThan(50)
      // On an idle machine the max stays under 50 ms; on a loaded 2-core box the idle server's own
      // max reaches 50-100 ms (printed above), so the bound is looser, and still far below the
      // 6-8 s a parsed flood held the event loop for.
      expect(max).toBeLessThan(MAX_LATENCY_MS)
      expect(growthMb).toBeLessThan(100)
    },
  )
})
