// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest'
import { base64, detachThumb, parseThumb, thumbBlob, thumbDataUrl, thumbRow, thumbRowFromBytes } from './thumb-rows.ts'

const bytes = [82, 73, 70, 70, 0, 255, 10, 13]
const webp = () => new Blob([new Uint8Array(bytes)], { type: 'image/webp' })
const inline = { id: 'a', createdAt: 5, bytes: new Uint8Array(bytes).buffer, type: 'image/webp' }
const legacy = () => ({ id: 'a', blob: webp() })
const contents = async (blob: Blob) => [...new Uint8Array(await blob.arrayBuffer())]

const proto = Uint8Array.prototype as Uint8Array & { toBase64?: () => string }
const nativeToBase64 = Object.getOwnPropertyDescriptor(proto, 'toBase64') // Node 20 has none

afterEach(() => {
  if (nativeToBase64) Object.defineProperty(proto, 'toBase64', nativeToBase64)
  else delete proto.toBase64
})

describe('thumbnail rows', () => {
  it('are made from a Blob, or from bytes that may be a view into a larger buffer, with their image time', async () => {
    expect(await thumbRow({ id: 'a', createdAt: 5 }, webp())).toEqual(inline)
    const larger = new Uint8Array([1, 2, ...bytes, 3])
    const row = thumbRowFromBytes({ id: 'a', createdAt: 5 }, larger.subarray(2, 2 + bytes.length), 'image/webp')
    expect(row).toEqual(inline)
    expect(row.bytes.byteLength).toBe(bytes.length)
  })

  it('are read in both shapes (inline, and a Blob as stored before DB v4); anything else is refused', () => {
    expect(parseThumb(inline)).toEqual(inline)
    expect(parseThumb(legacy())).toEqual(legacy())
    expect(parseThumb(undefined)).toBeUndefined()
    expect(parseThumb({ id: 'a', bytes: 'not bytes', type: 'image/webp' })).toBeUndefined()
    expect(parseThumb({ id: 'a', blob: new Uint8Array(bytes) })).toBeUndefined()
  })

  it('give the same Blob, data: URL and detached row whichever shape they are stored in', async () => {
    for (const row of [inline, legacy()]) {
      expect(thumbBlob(row).type).toBe('image/webp')
      expect(await contents(thumbBlob(row))).toEqual(bytes)
      expect(await thumbDataUrl(row)).toBe(`data:image/webp;base64,${Buffer.from(bytes).toString('base64')}`)
      expect(await detachThumb(row, 5)).toEqual(inline)
    }
  })

  it('encode a thumbnail of several hundred KB as a data: URL', async () => {
    const large = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256)
    const url = await thumbDataUrl(thumbRowFromBytes({ id: 'big' }, large, 'image/webp'))
    expect(Buffer.from(url.slice('data:image/webp;base64,'.length), 'base64').equals(Buffer.from(large))).toBe(true)
  })
})

describe('base64', () => {
  const large = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 13) % 256)

  it('uses the browser’s Uint8Array.prototype.toBase64 where there is one', () => {
    const native = vi.fn(function (this: Uint8Array) {
      return Buffer.from(this).toString('base64')
    })
    proto.toBase64 = native
    expect(base64(large)).toBe(Buffer.from(large).toString('base64'))
    expect(native).toHaveBeenCalledOnce()
  })

  it('encodes the same without it', () => {
    delete proto.toBase64
    expect(base64(large)).toBe(Buffer.from(large).toString('base64'))
    expect(base64(new Uint8Array(0))).toBe('')
  })
})
