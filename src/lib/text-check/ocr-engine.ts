/**
 * The OCR engine, loaded with import() on first use only: tesseract.js runs in its own Web Worker
 * with the wasm core and trained data the studio serves itself (OCR_PATHS; never a CDN). One
 * worker is kept for the languages last asked for; cancelling terminates it (tesseract has no way
 * to stop one recognition), and the next call starts a fresh one.
 */
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js'
import { OCR_PATHS, type OcrLang } from '../../shared/api-paths.ts'

let current: { langs: string; worker: Promise<Worker> } | undefined

const absolute = (path: string) => new URL(path, location.href).href

function workerFor(langs: readonly OcrLang[]): Promise<Worker> {
  const key = langs.join('+')
  if (current?.langs === key) return current.worker
  void stop()
  const worker = createWorker([...langs], OEM.LSTM_ONLY, {
    workerPath: absolute(OCR_PATHS.worker),
    corePath: absolute(OCR_PATHS.core),
    langPath: absolute(OCR_PATHS.lang),
    // A worker from the studio's own URL, so it runs under the policy served with its script.
    workerBlobURL: false,
    // The HTTP cache keeps the trained data; no second copy in IndexedDB.
    cacheMethod: 'none',
  })
  current = { langs: key, worker }
  worker.catch(() => {
    if (current?.worker === worker) current = undefined
  })
  return worker
}

/** Ends the worker (and whatever it was reading). */
export async function stop(): Promise<void> {
  const was = current
  current = undefined
  if (was) await (await was.worker.catch(() => undefined))?.terminate()
}

/** Tesseract's page layouts the check uses: find text blocks, or any text anywhere (sparse). */
export type Layout = 'auto' | 'sparse'

/** All the text OCR reads in `image`, line by line. Rejects with an AbortError when `signal` aborts. */
export async function readText(image: Blob, langs: readonly OcrLang[], layout: Layout = 'auto', signal?: AbortSignal): Promise<string> {
  signal?.throwIfAborted()
  const aborted = new Promise<never>((_, reject) => {
    signal?.addEventListener(
      'abort',
      () => {
        void stop()
        reject(signal.reason instanceof Error ? signal.reason : new DOMException('The text check was cancelled.', 'AbortError'))
      },
      { once: true },
    )
  })
  aborted.catch(() => {})
  const worker = await Promise.race([workerFor(langs), aborted])
  await worker.setParameters({ tessedit_pageseg_mode: layout === 'sparse' ? PSM.SPARSE_TEXT : PSM.AUTO })
  const result = await Promise.race([worker.recognize(image), aborted])
  return result.data.text
}
