// @vitest-environment node
/**
 * Acceptance: the simulator fetches edit inputs from the public web only. Loopback, private,
 * shared (CGNAT), link-local and metadata targets, given directly, by a name that resolves to
 * them, or through redirects from a loopback test server (allowed only by a test-only option),
 * are all refused; a canary listening on loopback receives 0 requests; no message names an
 * address or a port.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../shared/limits.ts'
import { MAX_REDIRECTS, publicDownload } from './public-download.ts'
import { DOWNLOAD_FAILED } from './resolve-inputs.ts'
import { errorOf, harness, pngFixture, type Harness } from '../testing/simulator-harness.ts'

let png: Uint8Array
let canary: Server
let canaryHits = 0
let canaryPort = 0
let web: Server
let webPort = 0

/** An address or a port in a message (IPv4, IPv6, host:port, the socket error codes that carry them). */
const NETWORK_DETAIL = [
  /\d{1,3}(\.\d{1,3}){3}/,
  /[0-9a-f]{0,4}::[0-9a-f:.]*|([0-9a-f]{1,4}:){2,}/i,
  /:\d{2,5}\b/,
  /localhost|\bport\b/i,
  /\bE[A-Z]{4,}\b/,
]

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)))
}

beforeAll(async () => {
  png = await pngFixture(512, 512)
  // The canary: every address of this machine on one port (IPv6 socket that takes IPv4 too).
  canary = createServer((_req, res) => {
    canaryHits++
    res.end(png)
  })
  canaryPort = await listen(canary, '::')
  // The "public web" stand-in: a loopback server whose port the test-only option allows.
  web = createServer((req, res) => {
    const to = new URL(req.url!, 'http://x').searchParams.get('to')
    const hops = Number(new URL(req.url!, 'http://x').searchParams.get('hops') ?? 0)
    if (req.url!.startsWith('/redirect')) res.writeHead(302, { Location: to! }).end()
    else if (req.url!.startsWith('/chain')) {
      const next = hops > 0 ? `/chain?hops=${hops - 1}` : '/ok.png'
      res.writeHead(301, { Location: next }).end()
    } else if (req.url === '/ok.png') res.end(png)
    else res.writeHead(404).end()
  })
  webPort = await listen(web, '127.0.0.1')
})

afterAll(() => {
  for (const server of [canary, web]) {
    server.closeAllConnections()
    server.close()
  }
})

describe('acceptance: simulator input downloads (SSRF)', () => {
  let h: Harness
  afterAll(() => h?.sim.close())

  it(
    'refuses loopback, private, link-local and metadata targets, directly and through redirects; the canary gets 0 requests',
    { timeout: 60_000 },
    async () => {
      const c = canaryPort
      const direct = [
        `http://127.0.0.1:${c}/x.png`,
        `http://localhost:${c}/x.png`,
        `http://[::1]:${c}/x.png`,
        `http://0.0.0.0:${c}/x.png`,
        `http://[::]:${c}/x.png`,
        `http://[::ffff:127.0.0.1]:${c}/x.png`,
        `http://2130706433:${c}/x.png`, // 127.0.0.1 as one number
        `http://0x7f.1:${c}/x.png`,
        `http://127.1.2.3:${c}/x.png`,
        'http://10.0.0.1/x.png',
        'http://172.16.5.4/x.png',
        'http://192.168.1.1/x.png',
        'http://100.64.0.1/x.png',
        'http://169.254.169.254/latest/meta-data/',
        'http://100.100.100.200/latest/meta-data/', // Alibaba Cloud's metadata
        'http://[fd00:ec2::254]/latest/meta-data/',
        'http://[fe80::1]/x.png',
        'http://[fc00::1]/x.png',
        'http://224.0.0.1/x.png',
        `http://rebind.example:${c}/x.png`, // a name that resolves to loopback (see resolve below)
        `http://mixed.example:${c}/x.png`, // public and private addresses: refused as a whole
        `ftp://127.0.0.1:${c}/x.png`,
        `file:///etc/passwd`,
      ]
      const viaRedirect = [
        `http://127.0.0.1:${c}/x.png`,
        `http://[::1]:${c}/x.png`,
        `http://localhost:${c}/x.png`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.0.0.1/x.png',
        `http://rebind.example:${c}/x.png`,
        'file:///etc/passwd',
      ].map((to) => `http://127.0.0.1:${webPort}/redirect?to=${encodeURIComponent(to)}`)
      const tooManyHops = `http://127.0.0.1:${webPort}/chain?hops=${MAX_REDIRECTS}`

      h = harness({
        submitPerSecond: 10_000,
        inputDownload: {
          testOnlyLoopbackPorts: [webPort],
          resolve: async (name) =>
            name === 'rebind.example'
              ? [{ address: '127.0.0.1', family: 4 }]
              : name === 'mixed.example'
                ? [
                    { address: '93.184.216.34', family: 4 },
                    { address: '10.0.0.7', family: 4 },
                  ]
                : name === 'localhost'
                  ? [
                      { address: '127.0.0.1', family: 4 },
                      { address: '::1', family: 6 },
                    ]
                  : [],
        },
      })
      const messages: string[] = []
      for (const url of [...direct, ...viaRedirect, tooManyHops]) {
        const res = await h.edit([url], 'make it blue')
        expect([url, res.status]).toEqual([url, 400])
        messages.push(errorOf(res).message)
      }
      const generic = `Image 1: ${DOWNLOAD_FAILED}`
      // ftp: and file: are refused before any download, by the contract's validator.
      const notHttp = 'Image 1 must be an http(s) URL or a data: URL (or an oss:// upload)'
      const leaky = messages.filter((m) => NETWORK_DETAIL.some((detail) => detail.test(m)))

      // The allowed test server itself works, with up to MAX_REDIRECTS redirects.
      const fine = await h.edit([`http://127.0.0.1:${webPort}/chain?hops=${MAX_REDIRECTS - 1}`], 'make it blue')
      console.log(
        `simulator fetches: ${direct.length} direct + ${viaRedirect.length} via redirect + 1 with ${MAX_REDIRECTS + 1} redirects refused ` +
          `(${messages.filter((m) => m === generic).length} with the generic "${generic}", ${messages.filter((m) => m === notHttp).length} as not http), ${leaky.length} messages with an address or port, ` +
          `canary requests ${canaryHits}; the allowed test server with ${MAX_REDIRECTS} redirects: ${fine.status}`,
      )
      expect(messages.filter((m) => m !== generic && m !== notHttp)).toEqual([])
      expect(leaky).toEqual([])
      expect(canaryHits).toBe(0)
      expect(fine.status).toBe(200)
    },
  )

  it('caps bytes and time, and never names where it failed', async () => {
    const slow = createServer((_req, res) => setTimeout(() => res.end(png), 3000))
    const slowPort = await listen(slow, '127.0.0.1')
    const big = createServer((_req, res) => res.end(Buffer.alloc(LIMITS.editImageMaxBytes + 1)))
    const bigPort = await listen(big, '127.0.0.1')
    try {
      const opts = { maxBytes: LIMITS.editImageMaxBytes, timeoutMs: 300, testOnlyLoopbackPorts: [slowPort, bigPort] }
      const started = performance.now()
      expect(await publicDownload(`http://127.0.0.1:${slowPort}/`, opts)).toEqual({ ok: false, reason: 'failed' })
      const waited = performance.now() - started
      expect(await publicDownload(`http://127.0.0.1:${bigPort}/`, opts)).toEqual({ ok: false, reason: 'too-large' })
      console.log(
        `simulator fetches: a stalled server given up after ${waited.toFixed(0)} ms (limit 300), an 10 MB + 1 byte body refused as too large`,
      )
      expect(waited).toBeLessThan(2000)
    } finally {
      for (const server of [slow, big]) {
        server.closeAllConnections()
        server.close()
      }
    }
  })
})
