// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { ResultStore, type PngBytes } from './result-store.ts'

const bytes = (n: number): PngBytes => new Uint8Array(n)

describe('ResultStore', () => {
  it('signs links that verify with this store only, whatever the host', () => {
    const a = new ResultStore()
    const b = new ResultStore()
    const id = a.put(bytes(4), 2000)
    const path = a.linkPath(id, 2000)
    expect(path).toMatch(/^\/results\/[0-9a-f-]{36}\.png\?Expires=2000&Signature=[0-9a-f]{64}$/)
    expect(a.ownLink(`http://127.0.0.1:1/simulator${path}`)).toMatchObject({ id, expires: 2000 })
    expect(a.ownLink(`https://elsewhere.example${path}`)?.id).toBe(id)
    expect(b.ownLink(`http://127.0.0.1:1${path}`)).toBeUndefined()
    expect(a.ownLink(`http://127.0.0.1:1${path.replace('Expires=2000', 'Expires=2001')}`)).toBeUndefined()
    expect(a.ownLink('not a url')).toBeUndefined()
    expect(a.ownLink('https://example.com/image.png')).toBeUndefined()
  })

  it('parses file names and queries', () => {
    const id = crypto.randomUUID()
    expect(ResultStore.parseLink(`${id}.png`, new URLSearchParams('Expires=5&Signature=ab'))).toEqual({
      id,
      expires: 5,
      signature: 'ab',
    })
    expect(ResultStore.parseLink(`${id}.png`, new URLSearchParams(''))).toEqual({ id })
    expect(ResultStore.parseLink('x.png', new URLSearchParams('Expires=5&Signature=ab'))).toBeUndefined()
  })

  it('purges images whose links expired, and only those', () => {
    const store = new ResultStore()
    const old = store.put(bytes(10), 100)
    const fresh = store.put(bytes(10), 300)
    store.purge(100)
    expect(store.get(old)).toBeDefined() // expires at 100: valid through second 100
    store.purge(100.5)
    expect(store.get(old)).toBeUndefined()
    expect(store.get(fresh)).toBeDefined()
    expect(store.totalBytes).toBe(10)
  })

  it('keeps memory bounded: the oldest images go first past maxBytes', () => {
    const store = new ResultStore(25)
    const first = store.put(bytes(10), 1e9)
    const second = store.put(bytes(10), 1e9)
    const third = store.put(bytes(10), 1e9)
    expect(store.get(first)).toBeUndefined()
    expect(store.get(second)).toBeDefined()
    expect(store.get(third)).toBeDefined()
    expect(store.totalBytes).toBe(20)
    store.clear()
    expect(store.size).toBe(0)
    expect(store.totalBytes).toBe(0)
  })
})
