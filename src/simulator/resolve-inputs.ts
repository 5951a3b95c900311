/**
 * Turns an edit request's image references into bytes: data: URLs are decoded, links to this
 * simulator's own results are read from its store (so edits can be chained), and any other
 * http(s) URL is downloaded from the public web only (./public-download.ts), then checked like
 * an upload (checkImageFacts).
 */
import { LIMITS } from '../shared/limits.ts'
import { checkImageFacts, parseDataUrl, sniffImage } from '../shared/image-input.ts'
import { publicDownload, type Download, type DownloadOptions } from './public-download.ts'
import type { ResultStore } from './result-store.ts'
import type { EditInput } from './scene-edit.ts'

export const DOWNLOAD_TIMEOUT_MS = 5000

/** How inputs are downloaded; tests set a resolver and the loopback ports that stand in for the web. */
export type InputDownload = Partial<Omit<DownloadOptions, 'maxBytes'>> & {
  /** Tests only: answers in place of the network (e.g. the reference's https image URLs, offline). */
  testOnlyDownload?: (url: string) => Promise<Download>
}

export interface ResolveDeps {
  results: ResultStore
  nowSeconds: number
  download?: InputDownload
}

export type Resolution = { ok: true; inputs: EditInput[] } | { ok: false; message: string }

type Loaded = { bytes: Uint8Array; declaredMime?: string } | { error: string }

const MAX_MB = LIMITS.editImageMaxBytes / 1024 / 1024

/** The vendor's generic answer for an input it could not fetch: no address, port or cause. */
export const DOWNLOAD_FAILED = 'download failed (the image URL could not be fetched)'

async function download(url: string, label: string, deps: ResolveDeps): Promise<Loaded> {
  const { testOnlyDownload, ...options } = deps.download ?? {}
  const result = testOnlyDownload
    ? await testOnlyDownload(url)
    : await publicDownload(url, { timeoutMs: DOWNLOAD_TIMEOUT_MS, ...options, maxBytes: LIMITS.editImageMaxBytes })
  if (result.ok) return { bytes: result.bytes }
  return { error: result.reason === 'too-large' ? `${label} is larger than ${MAX_MB} MB, the limit` : `${label}: ${DOWNLOAD_FAILED}` }
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
