// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { insertJpegXmp } from './jpeg-xmp.ts'
import type { StudioImageParams } from './studio-params.ts'
import { insertWebpXmp } from './webp-xmp.ts'
import { readXmpParameters, xmpPacket } from './xmp.ts'

const PARAMS: StudioImageParams = {
  prompt: 'A poster "Sale" <50% & more>\n一张海报，标题是“夏日促销”',
  negativePrompt: 'blurry',
  model: 'qwen-image-plus',
  size: '1664*928',
  width: 1664,
  height: 928,
  seed: 42,
  promptExtend: true,
  watermark: false,
  kind: 't2i',
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const le32 = (n: number) => [n & 255, (n >> 8) & 255, (n >> 16) & 255, (n >> 24) & 255]
/** SOI, a JFIF APP0, a stand-in for the rest, EOI. */
const JPEG = Uint8Array.from([
  0xff,
  0xd8,
  0xff,
  0xe0,
  0,
  16,
  ...ascii('JFIF\0'),
  1,
  1,
  0,
  0,
  1,
  0,
  1,
  0,
  0,
  0xff,
  0xdb,
  0,
  3,
  0,
  0xff,
  0xd9,
])
/** RIFF/WEBP with one VP8L chunk: signature, 16x9, alpha used. */
function webpLossless(alpha: boolean) {
  const bits = 15 | (8 << 14) | (alpha ? 1 << 28 : 0)
  const vp8l = [0x2f, ...le32(bits), 0] // 6 bytes
  return Uint8Array.from([
    ...ascii('RIFF'),
    ...le32(4 + 8 + vp8l.length),
    ...ascii('WEBP'),
    ...ascii('VP8L'),
    ...le32(vp8l.length),
    ...vp8l,
  ])
}

describe('XMP downloads', () => {
  it('hold dc:description (the A1111 text) and the studio JSON, escaped, and read back', () => {
    const packet = xmpPacket(PARAMS)
    expect(packet).toContain(
      '<dc:description><rdf:Alt><rdf:li xml:lang="x-default">A poster &quot;Sale&quot; &lt;50% &amp; more&gt;&#10;一张海报',
    )
    expect(readXmpParameters(new TextEncoder().encode(packet))).toMatchObject(PARAMS)
  })

  it('go into a JPEG as an APP1 segment right after JFIF', () => {
    const out = insertJpegXmp(JPEG, xmpPacket(PARAMS))
    expect([...out.subarray(0, 20)]).toEqual([...JPEG.subarray(0, 20)])
    expect([out[20], out[21]]).toEqual([0xff, 0xe1])
    const length = (out[22]! << 8) | out[23]!
    expect(new TextDecoder().decode(out.subarray(24, 24 + 29))).toBe('http://ns.adobe.com/xap/1.0/\0')
    expect([...out.subarray(22 + length)]).toEqual([...JPEG.subarray(20)]) // the rest untouched, the length exact
    expect(readXmpParameters(out)).toMatchObject(PARAMS)
  })

  it('go into a WebP as an XMP chunk with a VP8X header (canvas size, alpha kept), RIFF size fixed', () => {
    for (const alpha of [false, true]) {
      const out = insertWebpXmp(webpLossless(alpha), xmpPacket(PARAMS), { width: 16, height: 9 })
      const view = new DataView(out.buffer)
      expect(view.getUint32(4, true)).toBe(out.length - 8)
      expect(String.fromCharCode(...out.subarray(12, 16))).toBe('VP8X')
      expect(out[20]).toBe(alpha ? 0x14 : 0x04)
      expect([...out.subarray(24, 30)]).toEqual([15, 0, 0, 8, 0, 0])
      expect(String.fromCharCode(...out.subarray(30, 34))).toBe('VP8L')
      expect(readXmpParameters(out)).toMatchObject(PARAMS)
      // again: one XMP chunk, not two
      const twice = insertWebpXmp(out, xmpPacket({ ...PARAMS, seed: 7 }), { width: 16, height: 9 })
      expect(new TextDecoder().decode(twice).match(/XMP /g)).toHaveLength(1)
      expect(readXmpParameters(twice)?.seed).toBe(7)
    }
  })
})
