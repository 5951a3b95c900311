/**
 * Turns an edit request's image references into bytes: data: URLs are decoded, links to this
 * simulator's own results are read from its store (so edits can be chained), and any other
 * http(s) URL is downloaded with a timeout, then checked like an upload (checkImageFacts).
 */
import { LIMITS } from '../shared/limits.ts'
import { checkImageFacts, parseDataUrl, sniffImage } from '../shared/image-input.ts'
import type { ResultStore } from './result-store.ts'
import type { EditInput } from './scene-edit.ts'

export const DOWNLOAD_TIMEOUT_MS = 5000

export interface ResolveDeps {
  results: ResultStore
  nowSeconds: number
  fetch?: typeof fetch
  timeoutMs?: number
}

export type Resolution = { ok: true; inputs: EditInput[] } | { ok: false; message: string }

type Loaded = { bytes: Uint8Array; declaredMime?: string } | { error: string }

const MAX_MB = LIMITS.editImageMaxBytes / 1024 / 1024

/** Reads at most one byte past the size limit. */
async function readCapped(response: Response): Promise<Uint8Array> {
  const cap = LIMITS.editImageMaxBytes + 1
  if (!response.body) return new Uint8Array(await response.arrayBuffer())
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    total += value.byteLength
    if (total >= cap) {
      await reader.cancel()
      break
    }
  }
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

async function download(url: string, label: string, deps: ResolveDeps): Promise<Loaded> {
  const timeoutMs = deps.timeoutMs ?? DOWNLOAD_TIMEOUT_MS
  const failed = (why: string) => ({ error: `${label}: download failed (${why})` })
  try {
    const response = await (deps.fetch ?? globalThis.fetch)(url, { signal: AbortSignal.timeout(timeoutMs) })
    if (!response.ok) {
      await response.body?.cancel()
      return failed(`HTTP ${response.status} from ${new URL(url).host}`)
    }
    const tooLarge = { error: `${label} is larger than ${MAX_MB} MB, the limit` }
    if (Number(response.headers.get('content-length')) > LIMITS.editImageMaxBytes) {
      await response.body?.cancel()
      return tooLarge
    }
    const bytes = await readCapped(response)
    return bytes.byteLength > LIMITS.editImageMaxBytes ? tooLarge : { bytes }
  } catch (err) {
    const name = err instanceof Error ? err.name : ''
    if (name === 'TimeoutError' || name === 'AbortError') return failed(`no answer within ${timeoutMs / 1000} s`)
    const cause = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err)
    return failed(cause)
  }
}

async function load(url: string, label: string, deps: ResolveDeps): Promise<Loaded> {
  if (url.startsWith('data:')) {
    const data = parseDataUrl(url)
    return 'error' in data ? { error: `${label} ${data.error}` } : { bytes: data.bytes, declaredMime: data.mime }
  }
  const own = deps.results.ownLink(url)
  if (!own) return download(url, label, deps)
  if (own.expires < deps.nowSeconds)
    return { error: `${label}: the result link has expired (Expires=${own.expires}); download and re-upload the image` }
  const stored = deps.results.get(own.id)
  return stored ? { bytes: stored.bytes } : { error: `${label}: download failed (HTTP 404: the result no longer exists)` }
}

/** Loads and checks every image, in order; the first problem names its image ("Image N: …"). */
export async function resolveInputs(urls: readonly string[], deps: ResolveDeps): Promise<Resolution> {
  const loaded = await Promise.all(urls.map((url, i) => load(url, `Image ${i + 1}`, deps)))
  const inputs: EditInput[] = []
  for (const [i, item] of loaded.entries()) {
    const label = `Image ${i + 1}`
    if ('error' in item) return { ok: false, message: item.error }
    const facts = sniffImage(item.bytes)
    const problem = checkImageFacts(facts, item.declaredMime)
    if (problem || !facts) return { ok: false, message: `${label} ${problem}` }
    inputs.push({ format: facts.format, width: facts.width, height: facts.height, bytes: item.bytes })
  }
  return { ok: true, inputs }
}
