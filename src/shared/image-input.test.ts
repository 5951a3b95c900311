import { describe, expect, it } from 'vitest'
import { base64DecodedBytes, checkImageFacts, inspectDataUrl, inspectDataUrlBytes, parseDataUrl, sniffImage } from './image-input.ts'
import { dataUrl, jpegHeaderBytes, pngBytes, toBase64 } from '../testing/image-bytes.ts'

describe('parseDataUrl', () => {
  it('splits mime and bytes', () => {
    const bytes = pngBytes(2, 2)
    const d = parseDataUrl(dataUrl('image/PNG', bytes))
    expect('error' in d).toBe(false)
    if (!('error' in d)) {
      expect(d.mime).toBe('image/png')
      expect(d.bytes).toEqual(bytes)
    }
  })
  it('explains what is wrong', () => {
    expect(parseDataUrl('https://x')).toMatchObject({ error: expect.stringContaining('data:') as string })
    expect(parseDataUrl('data:image/png,abc')).toMatchObject({ error: expect.stringContaining('base64') as string })
    expect(parseDataUrl('data:image/png;base64,***')).toMatchObject({ error: expect.stringContaining('cannot be decoded') as string })
  })
  it('computes decoded size without decoding', () => {
    for (const n of [0, 1, 2, 3, 100, 1001]) expect(base64DecodedBytes(toBase64(new Uint8Array(n)))).toBe(n)
  })
})

describe('inspectDataUrlBytes', () => {
  const png = toBase64(pngBytes(640, 480))
  const cases = [
    `data:image/png;base64,${png}`,
    `data:IMAGE/PNG;charset=x;base64,${png}`,
    `data:image/png;base64,${toBase64(new Uint8Array(1))}`,
    `data:image/png;base64,${toBase64(new Uint8Array(2))}`,
    'data:image/png;base64,',
    `data:image/png,${png}`,
    `data:;base64,${png}`,
    `data:image/png;base64${png}`,
    `image/png;base64,${png}`,
    `data:image/png;base64,${png.slice(1)}`,
    `data:image/png;base64,${png.slice(0, 8)}=${png.slice(9)}`,
    `data:image/png;base64,${png.slice(0, 8)} ${png.slice(9)}`,
    `data:image/png;base64,${png.slice(0, 8)}-${png.slice(9)}`,
    'data:image/png;base64,AAA===',
    'data:image/png;base64,AA==',
    '',
  ]
  it.each(cases)('judges %# as inspectDataUrl judges its text', (url) => {
    expect(inspectDataUrlBytes(new TextEncoder().encode(url))).toEqual(inspectDataUrl(url))
  })
  it('decodes only the first 512 KB of a large one', () => {
    const big = new Uint8Array(1024 * 1024)
    big.set(jpegHeaderBytes(2000, 1000))
    const url = `data:image/jpeg;base64,${Buffer.from(big).toString('base64')}`
    const fromBytes = inspectDataUrlBytes(new TextEncoder().encode(url))
    const fromText = inspectDataUrl(url)
    if ('error' in fromBytes || 'error' in fromText) throw new Error('not inspected')
    expect(fromBytes).toMatchObject({ mime: 'image/jpeg', byteLength: big.byteLength })
    expect(fromText).toMatchObject({ mime: 'image/jpeg', byteLength: big.byteLength })
    // (compared as Buffers: toEqual walks 512 KB element by element)
    expect(Buffer.from(fromBytes.head).equals(Buffer.from(fromText.head))).toBe(true)
    expect(Buffer.from(fromBytes.head).equals(Buffer.from(big.subarray(0, fromBytes.head.byteLength)))).toBe(true)
    expect(fromBytes.head.byteLength).toBe(Math.ceil((512 * 1024) / 3) * 3)
  })
})

describe('sniffImage / checkImageFacts', () => {
  it('reads format and size from headers', () => {
    expect(sniffImage(pngBytes(640, 480))).toMatchObject({ format: 'png', width: 640, height: 480 })
    expect(sniffImage(jpegHeaderBytes(1200, 800))).toMatchObject({ format: 'jpg', width: 1200, height: 800 })
    expect(sniffImage(new TextEncoder().encode('plain text'))).toBeUndefined()
  })
  it('accepts the edges and names what is wrong', () => {
    expect(checkImageFacts({ format: 'png', width: 384, height: 3072, bytes: 10 * 1024 * 1024 })).toBeNull()
    expect(checkImageFacts({ format: 'png', width: 383, height: 400, bytes: 10 })).toContain('383x400')
    expect(checkImageFacts({ format: 'gif', width: 500, height: 500, bytes: 10 }, 'image/gif')).toBeNull() // 2026: GIF, first frame
    expect(checkImageFacts({ format: 'svg', width: 500, height: 500, bytes: 10 })).toContain('SVG')
    expect(checkImageFacts({ format: 'webp', width: 500, height: 500, bytes: 10 }, 'image/webp')).toBeNull()
    expect(checkImageFacts({ format: 'tiff', width: 500, height: 500, bytes: 10 }, 'image/tiff')).toBeNull()
    expect(checkImageFacts({ format: 'bmp', width: 500, height: 500, bytes: 10 }, 'image/bmp')).toBeNull()
    expect(checkImageFacts({ format: 'png', width: 500, height: 500, bytes: 10 * 1024 * 1024 + 1 })).toContain('10 MB')
    expect(checkImageFacts(undefined)).toContain('cannot be decoded'.slice(0, 0) || 'not an image')
  })
})
