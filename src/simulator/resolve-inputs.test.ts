// @vitest-environment node
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../shared/limits.ts'
import { DOWNLOAD_FAILED, resolveInputs, type ResolveDeps, type Resolution } from './resolve-inputs.ts'
import { ResultStore } from './result-store.ts'
import { pngFixture } from '../testing/simulator-harness.ts'
import { dataUrl, fromBase64, JPEG_576x384_BASE64 } from '../testing/test-images.ts'

let png: Uint8Array<ArrayBuffer>
let server: Server
let origin: string
let port: number

beforeAll(async () => {
  png = await pngFixture(600, 400)
  // A loopback server standing in for the public web.
  server = createServer((req, res) => {
    if (req.url === '/ok.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(png)
    else if (req.url === '/page.html') res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>')
    else if (req.url === '/huge.png') {
      res.writeHead(200, { 'Content-Type': 'image/png' })
      res.end(Buffer.concat([Buffer.from(png), Buffer.alloc(LIMITS.editImageMaxBytes)]))
    } else if (req.url === '/slow.png') setTimeout(() => res.writeHead(200).end(png), 2000)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  origin = `http://127.0.0.1:${port}`
})

afterAll(() => {
  server.closeAllConnections()
  server.close()
})

/** The refusal message (fails the test when the images were accepted). */
function refusal(r: Resolution): string {
  if (r.ok) throw new Error('expected a refusal')
  return r.message
}

/** The loopback test server stands in for the web: its port is allowed, test-only. */
const deps = (extra: Partial<ResolveDeps> = {}): ResolveDeps => ({
  results: new ResultStore(),
  nowSeconds: 1000,
  ...extra,
  download: { testOnlyLoopbackPorts: [port], ...extra.download },
})

describe('resolveInputs', () => {
  it('decodes data: URLs and reports format and size of each image, in order', async () => {
    const r = await resolveInputs([dataUrl('image/png', png), dataUrl('image/jpeg', fromBase64(JPEG_576x384_BASE64))], deps())
    expect(r.ok && r.inputs.map(({ format, width, height }) => ({ format, width, height }))).toEqual([
      { format: 'png', width: 600, height: 400 },
      { format: 'jpg', width: 576, height: 384 },
    ])
  })

  it("reads this simulator's own result links from its store, on any host, without the network", async () => {
    const results = new ResultStore()
    const id = results.put(png, 2000)
    const url = `http://studio.invalid:1/simulator${results.linkPath(id, 2000)}`
    const r = await resolveInputs([url], deps({ results, download: { resolve: () => Promise.reject(new Error('no network')) } }))
    expect(r.ok && r.inputs[0]?.bytes).toBe(png)
  })

  it('refuses an expired own link, and one whose image is gone, naming the image', async () => {
    const results = new ResultStore()
    const id = results.put(png, 999)
    const expired = await resolveInputs([dataUrl('image/png', png), `http://x${results.linkPath(id, 999)}`], deps({ results }))
    expect(refusal(expired)).toMatch(/^Image 2: the result link has expired \(Expires=999\)/)
    results.clear()
    const gone = await resolveInputs([`http://x${results.linkPath(id, 5000)}`], deps({ results }))
    expect(refusal(gone)).toMatch(/^Image 1: download failed \(HTTP 404/)
  })

  it('downloads other http(s) URLs and checks them like uploads', async () => {
    const ok = await resolveInputs([`${origin}/ok.png`], deps())
    expect(ok.ok && ok.inputs[0]).toMatchObject({ format: 'png', width: 600, height: 400 })
    expect(refusal(await resolveInputs([`${origin}/page.html`], deps()))).toMatch(/^Image 1 is not an image that can be decoded/)
    expect(await resolveInputs([`${origin}/ok.png`, `${origin}/missing.png`], deps())).toEqual({
      ok: false,
      message: `Image 2: ${DOWNLOAD_FAILED}`,
    })
  })

  it('stops reading past the size limit', async () => {
    expect(await resolveInputs([`${origin}/huge.png`], deps())).toEqual({
      ok: false,
      message: `Image 1 is larger than ${LIMITS.editImageMaxBytes / 1024 / 1024} MB, the limit`,
    })
  })

  it('gives up after the timeout, and says no more of network errors than that the download failed', async () => {
    const slow = await resolveInputs([`${origin}/slow.png`], deps({ download: { timeoutMs: 100 } }))
    expect(slow).toEqual({ ok: false, message: `Image 1: ${DOWNLOAD_FAILED}` })
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const refused = await resolveInputs(
      [`http://127.0.0.1:${closedPort}/x.png`],
      deps({ download: { testOnlyLoopbackPorts: [closedPort] } }),
    )
    expect(refusal(refused)).toBe(`Image 1: ${DOWNLOAD_FAILED}`)
  })
})
