import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Generated PNGs in memory, behind OSS-style signed links:
 * `<base>/results/<id>.png?Expires=<unix s>&Signature=<hex HMAC-SHA256 of "id\nexpires">`.
 * The secret is random per store, so only this simulator's links verify. Bytes are dropped once
 * their link has expired, and the oldest go first when the store would exceed `maxBytes`.
 */
export const RESULTS_ROUTE = '/results'

const FILE_NAME = /^([0-9a-f-]{36})\.png$/

/** PNG bytes on their own ArrayBuffer (what a Response body takes). */
export type PngBytes = Uint8Array<ArrayBuffer>

export interface StoredImage {
  bytes: PngBytes
  /** Unix seconds after which the link is refused. */
  expires: number
}

export interface SignedRef {
  id: string
  expires: number
  signature: string
}

export class ResultStore {
  #images = new Map<string, StoredImage>()
  #secret = randomBytes(32)
  #bytes = 0

  constructor(readonly maxBytes = 1024 * 1024 * 1024) {}

  put(bytes: PngBytes, expires: number, id: string = crypto.randomUUID()): string {
    this.delete(id)
    this.#images.set(id, { bytes, expires })
    this.#bytes += bytes.byteLength
    for (const oldest of this.#images.keys()) {
      if (this.#bytes <= this.maxBytes || oldest === id) break
      this.delete(oldest)
    }
    return id
  }

  get(id: string): StoredImage | undefined {
    return this.#images.get(id)
  }

  delete(id: string): void {
    const image = this.#images.get(id)
    if (!image) return
    this.#bytes -= image.bytes.byteLength
    this.#images.delete(id)
  }

  /** Drops every image whose link expired before `nowSeconds`. */
  purge(nowSeconds: number): void {
    for (const [id, image] of this.#images) if (image.expires < nowSeconds) this.delete(id)
  }

  clear(): void {
    this.#images.clear()
    this.#bytes = 0
  }

  get size(): number {
    return this.#images.size
  }

  get totalBytes(): number {
    return this.#bytes
  }

  sign(id: string, expires: number): string {
    return createHmac('sha256', this.#secret).update(`${id}\n${expires}`).digest('hex')
  }

  verify(ref: SignedRef): boolean {
    const expected = Buffer.from(this.sign(ref.id, ref.expires), 'hex')
    const given = Buffer.from(ref.signature, 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  /** Path and query of a signed link, relative to the simulator's root. */
  linkPath(id: string, expires: number): string {
    return `${RESULTS_ROUTE}/${id}.png?Expires=${expires}&Signature=${this.sign(id, expires)}`
  }

  /** Reads `<id>.png` and the query of a link; undefined when it is not shaped like ours. */
  static parseLink(fileName: string, query: URLSearchParams): SignedRef | { id: string } | undefined {
    const m = FILE_NAME.exec(fileName)
    if (!m) return undefined
    const expires = Number(query.get('Expires'))
    const signature = query.get('Signature') ?? ''
    if (!Number.isInteger(expires) || !/^[0-9a-f]+$/i.test(signature)) return { id: m[1]! }
    return { id: m[1]!, expires, signature }
  }

  /** This store's own link in any absolute URL, whatever the host: undefined unless it verifies. */
  ownLink(url: string): SignedRef | undefined {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return undefined
    }
    const at = parsed.pathname.lastIndexOf(`${RESULTS_ROUTE}/`)
    if (at < 0) return undefined
    const ref = ResultStore.parseLink(parsed.pathname.slice(at + RESULTS_ROUTE.length + 1), parsed.searchParams)
    return ref && 'signature' in ref && this.verify(ref) ? ref : undefined
  }
}
