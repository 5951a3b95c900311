// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { MultimodalResponse } from '../shared/schemas.ts'
import { bytesOf, harness, pngSize, type Harness } from '../testing/simulator-harness.ts'

let h: Harness
afterEach(() => h.sim.close())

async function oneLink(): Promise<string> {
  const reply = await h.t2i('A red kite "FLY"', { size: '1472*1140', seed: 9 })
  return MultimodalResponse.parse(reply.body).output.choices[0]!.message.content[0]!.image
}

async function expectOssError(res: Response, status: number, code: string, message: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/xml')
  const xml = await res.text()
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
  expect(xml).toContain(`<Code>${code}</Code>`)
  expect(xml).toContain(`<Message>${message}</Message>`)
}

describe('result links', () => {
  it('serve the PNG with its type and length while valid', async () => {
    h = harness({ resultTtlSeconds: 60 })
    const link = await oneLink()
    const res = await h.download(link)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    const bytes = await bytesOf(res)
    expect(res.headers.get('content-length')).toBe(String(bytes.byteLength))
    // the 2025 spelling is accepted and produces the 2026 size (LINEUP §2)
    expect(pngSize(bytes)).toEqual({ width: 1472, height: 1104 })
    const head = await h.sim.fetch(new Request(link, { method: 'HEAD' }))
    expect(head.status).toBe(200)
  })

  it('answer 403 "Request has expired." (OSS XML) after resultTtlSeconds', async () => {
    h = harness({ resultTtlSeconds: 60 })
    const link = await oneLink()
    h.clock.advance(59_000)
    expect((await h.download(link)).status).toBe(200)
    h.clock.advance(2_000)
    await expectOssError(await h.download(link), 403, 'AccessDenied', 'Request has expired.')
    // Still 403 once the bytes have been purged (the link, not the image, decides).
    h.clock.advance(3_600_000)
    await h.task('sweep')
    await expectOssError(await h.download(link), 403, 'AccessDenied', 'Request has expired.')
  })

  it('answer 403 for a bad or missing signature, or an Expires moved later', async () => {
    h = harness()
    const link = new URL(await oneLink())
    const bad = new URL(link)
    bad.searchParams.set('Signature', 'ab'.repeat(32))
    await expectOssError(
      await h.download(bad.href),
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    )
    const later = new URL(link)
    later.searchParams.set('Expires', String(Number(link.searchParams.get('Expires')) + 3600))
    expect((await h.download(later.href)).status).toBe(403)
    const bare = `${link.origin}${link.pathname}`
    await expectOssError(await h.download(bare), 403, 'AccessDenied', 'You have no right to access this object because of bucket acl.')
  })

  it('answer 404 NoSuchKey for an unknown image, and for links forgotten by reset()', async () => {
    h = harness()
    const link = await oneLink()
    const unknown = link.replace(/results\/[0-9a-f-]{36}\.png/, `results/${crypto.randomUUID()}.png`)
    await expectOssError(await h.download(unknown), 404, 'NoSuchKey', 'The specified key does not exist.')
    await expectOssError(
      await h.download(`${h.base.replace('/api/v1', '')}/results/nothing.png`),
      404,
      'NoSuchKey',
      'The specified key does not exist.',
    )
    h.sim.reset()
    await expectOssError(await h.download(link), 404, 'NoSuchKey', 'The specified key does not exist.')
  })
})
