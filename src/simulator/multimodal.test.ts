// @vitest-environment node
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LIMITS } from '../shared/limits.ts'
import { MultimodalResponse } from '../shared/schemas.ts'
import { T2I_SIZES } from '../shared/sizes.ts'
import { DOWNLOAD_FAILED } from './resolve-inputs.ts'
import { bytesOf, errorOf, harness, imagesOf, pngFixture, pngSize, sameBytes, usageOf, type Harness } from '../testing/simulator-harness.ts'
import { bmp, dataUrl, fromBase64, JPEG_576x384_BASE64, tiff, WEBP_576x384_BASE64 } from '../testing/test-images.ts'

let h: Harness
afterEach(() => h.sim.close())

let png3x2: Uint8Array<ArrayBuffer>
beforeAll(async () => {
  png3x2 = await pngFixture(600, 400)
})

async function downloadPng(url: string) {
  const res = await h.download(url)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('image/png')
  const bytes = await bytesOf(res)
  expect(Number(res.headers.get('content-length'))).toBe(bytes.byteLength)
  return bytes
}

describe('sync text-to-image', () => {
  it('renders PNGs of exactly each of the five sizes, with usage and task_metric as documented', async () => {
    h = harness({ submitPerSecond: 10 })
    const replies = await Promise.all(T2I_SIZES.map(({ size }) => h.t2i('A lighthouse at dusk', { size, seed: 1 })))
    for (const [i, reply] of replies.entries()) {
      const { width, height } = T2I_SIZES[i]!
      expect(reply.status).toBe(200)
      const body = MultimodalResponse.parse(reply.body)
      expect(body.usage).toEqual({ width, height, image_count: 1 })
      expect(body.output.task_metric).toEqual({ TOTAL: 1, FAILED: 0, SUCCEEDED: 1 })
      expect(body.output.choices).toHaveLength(1)
      expect(body.output.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant' } })
      expect(pngSize(await downloadPng(imagesOf(reply)[0]!))).toEqual({ width, height })
    }
  })

  it('defaults to 1664*928 (2026) and is deterministic: same request, same bytes; other seed, other bytes', async () => {
    h = harness({ submitPerSecond: 10 })
    const [a, b, seed] = await Promise.all([
      h.t2i('A lighthouse "AT DUSK"', { seed: 7 }),
      h.t2i('A lighthouse "AT DUSK"', { seed: 7 }),
      h.t2i('A lighthouse "AT DUSK"', { seed: 8 }),
    ])
    expect(usageOf(a)).toEqual({ width: 1664, height: 928, image_count: 1 })
    const [ba, bb, bs] = await Promise.all([a, b, seed].map((r) => downloadPng(imagesOf(r)[0]!)))
    expect(imagesOf(a)[0]).not.toBe(imagesOf(b)[0]) // a new link per call
    expect(sameBytes(ba!, bb!)).toBe(true)
    expect(sameBytes(ba!, bs!)).toBe(false)
  })

  it('picks a random seed when none is given', async () => {
    h = harness()
    const [a, b] = await Promise.all([h.t2i('A lighthouse', { prompt_extend: false }), h.t2i('A lighthouse', { prompt_extend: false })])
    const [ba, bb] = await Promise.all([a, b].map((r) => downloadPng(imagesOf(r)[0]!)))
    expect(sameBytes(ba!, bb!)).toBe(false)
  })

  it('waits syncMs, plus extendMs when prompt_extend is on', async () => {
    h = harness({ syncMs: 150, extendMs: 100 })
    let started = performance.now()
    await h.t2i('a cat', { prompt_extend: false })
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    started = performance.now()
    await h.t2i('a cat', { prompt_extend: true })
    expect(performance.now() - started).toBeGreaterThanOrEqual(245)
  })

  it('fails like output inspection when the prompt carries the fault token', async () => {
    h = harness()
    const reply = await h.t2i('a cat [sim:fail]')
    expect(reply.status).toBe(400)
    expect(reply.body).toMatchObject({ code: 'DataInspectionFailed' })
    expect(h.sim.stats()).toMatchObject({ failed: 1, succeeded: 0, submissions: 1 })
  })
})

describe('sync editing', () => {
  it('outputs about a megapixel with the (last) input’s aspect ratio: 3:2 -> 1248x832', async () => {
    h = harness()
    const reply = await h.edit([dataUrl('image/png', png3x2)], 'Change the background to "Antarctica"')
    expect(reply.status).toBe(200)
    const body = MultimodalResponse.parse(reply.body)
    expect(body.usage).toEqual({ width: 1248, height: 832, image_count: 1 })
    expect(body.output.task_metric).toBeUndefined()
    expect(pngSize(await downloadPng(imagesOf(reply)[0]!))).toEqual({ width: 1248, height: 832 })
  })

  it('n=3 gives three distinct links and three different images', async () => {
    h = harness()
    const reply = await h.edit([dataUrl('image/png', png3x2)], 'Make it snow', { n: 3, seed: 5 })
    const urls = imagesOf(reply)
    expect(usageOf(reply).image_count).toBe(3)
    expect(new Set(urls).size).toBe(3)
    const pngs = await Promise.all(urls.map(downloadPng))
    expect(sameBytes(pngs[0]!, pngs[1]!) || sameBytes(pngs[1]!, pngs[2]!) || sameBytes(pngs[0]!, pngs[2]!)).toBe(false)
  })

  it('accepts 1-6 outputs on the plus models and exactly 1 on qwen-image-edit', async () => {
    h = harness()
    const image = [dataUrl('image/png', png3x2)]
    expect(usageOf(await h.edit(image, 'x', { n: 6 }, 'qwen-image-edit-plus-2025-10-30')).image_count).toBe(6)
    expect(errorOf(await h.edit(image, 'x', { n: 7 })).message).toMatch(/parameters\.n must be between 1 and 6/)
    expect((await h.edit(image, 'x', { n: 0 }, 'qwen-image-edit-plus-2025-10-30')).status).toBe(400)
    expect(errorOf(await h.edit(image, 'x', { n: 2 }, 'qwen-image-edit')).message).toMatch(/parameters\.n must be 1/)
  })

  it('takes JPEG, WebP, BMP and TIFF inputs (the last three drawn as panels) and up to three images', async () => {
    h = harness()
    const reply = await h.edit(
      [
        dataUrl('image/jpeg', fromBase64(JPEG_576x384_BASE64)),
        dataUrl('image/bmp', bmp(400, 400)),
        dataUrl('image/webp', fromBase64(WEBP_576x384_BASE64)),
      ],
      'Image 1 wears the dress from Image 2 in the pose of Image 3',
    )
    expect(reply.status).toBe(200)
    // the output follows the last input (3:2 WebP), as the 2026 edit page says
    expect(usageOf(reply)).toEqual({ width: 1248, height: 832, image_count: 1 })
    const tiffReply = await h.edit([dataUrl('image/tiff', tiff(400, 600))], 'x', {}, 'qwen-image-edit')
    expect(usageOf(tiffReply)).toMatchObject({ width: 832, height: 1248, image_count: 1 })
  })

  it('names the image and field of each violated image rule', async () => {
    h = harness()
    const small = await pngFixture(LIMITS.editImageMinPx - 1, 500)
    const large = await pngFixture(LIMITS.editImageMaxPx + 1, 400)
    const oversized = new Uint8Array(LIMITS.editImageMaxBytes + 1)
    oversized.set(png3x2.subarray(0, 64))
    const ok = dataUrl('image/png', png3x2)
    const cases: [string[], RegExp][] = [
      [[], /content must contain 1 to 3 images \(got 0\)/],
      [[ok, ok, ok, ok], /content must contain 1 to 3 images \(got 4\)/],
      [['data:image/png,abc'], /Image 1 must be base64-encoded/],
      [['data:image/png;base64,@@@'], /Image 1 has base64 data that cannot be decoded/],
      [['ftp://example.com/a.png'], /Image 1 must be an http\(s\) URL or a data: URL/],
      [[ok, dataUrl('image/png', small)], /Image 2 is 383x500 px; width and height must each be between 384 and 3072 px/],
      [[dataUrl('image/png', large)], /Image 1 is 3073x400 px/],
      [[dataUrl('image/jpeg', png3x2)], /Image 1 is declared as image\/jpeg but its bytes are PNG/],
      [[dataUrl('image/png', new TextEncoder().encode('definitely not an image'))], /Image 1 is not an image that can be decoded/],
      [[dataUrl('image/png', oversized)], /Image 1 is 10\.0 MB; the limit is 10 MB/],
    ]
    for (const [images, message] of cases) {
      const reply = await h.edit(images, 'x')
      expect(reply.status, String(message)).toBe(400)
      expect(errorOf(reply).code).toBe('InvalidParameter')
      expect(errorOf(reply).message).toMatch(message)
    }
    const t2iWithImage = await h.multimodal({
      model: 'qwen-image-plus',
      input: { messages: [{ role: 'user', content: [{ image: ok }, { text: 'x' }] }] },
    })
    expect(errorOf(t2iWithImage).message).toMatch(/text-to-image model and takes no image/)
  })

  it("chains edits through the simulator's own result links, and refuses an expired one", async () => {
    h = harness({ resultTtlSeconds: 60 })
    const first = await h.edit([dataUrl('image/png', png3x2)], 'Add a "SALE" banner', { seed: 1 })
    const link = imagesOf(first)[0]!
    // Read from the store: a download of the link (a loopback address) would be refused.
    const second = await h.edit([link], 'Now make it night', { seed: 2 })
    expect(second.status).toBe(200)
    expect(usageOf(second)).toEqual({ width: 1248, height: 832, image_count: 1 })
    h.clock.advance(61_000)
    const expired = await h.edit([dataUrl('image/png', png3x2), link], 'again')
    expect(expired.status).toBe(400)
    expect(errorOf(expired).message).toMatch(/^Image 2: the result link has expired/)
  })

  it('downloads public URLs and reports a failed download naming the image', async () => {
    // A loopback server stands in for img.example (test-only options of public-download.ts).
    const server = createServer((req, res) => (req.url === '/ok.png' ? res.end(png3x2) : res.writeHead(404).end('gone')))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as AddressInfo).port
    try {
      h = harness({
        inputDownload: { testOnlyLoopbackPorts: [port], resolve: async () => [{ address: '127.0.0.1', family: 4 }] },
      })
      const ok = await h.edit([`http://img.example:${port}/ok.png`], 'x')
      expect(ok.status).toBe(200)
      const missing = await h.edit([`http://img.example:${port}/ok.png`, `http://img.example:${port}/missing.png`], 'x')
      expect(missing.status).toBe(400)
      expect(missing.body).toMatchObject({ code: 'InvalidParameter', message: `Image 2: ${DOWNLOAD_FAILED}` })
    } finally {
      server.close()
    }
  })
})
