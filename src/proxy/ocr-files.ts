/**
 * GET /ocr/*: the browser's OCR engine from the studio's own node_modules, never a CDN: tesseract.js's
 * worker script, the tesseract wasm cores (the worker picks the one the browser's SIMD support
 * allows) and the English and Simplified Chinese trained data (integer "best" models: small and
 * fast). Only these files, by exact name. The worker runs under the policy sent with its script,
 * which lets it compile WebAssembly and nothing else the page's policy forbids.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Context } from 'hono'
import { OCR_LANGS, OCR_PATHS, type OcrLang } from '../shared/api-paths.ts'

const require = createRequire(import.meta.url)

const CORE_FILE = /^tesseract-core(-relaxedsimd|-simd)?(-lstm)?\.(wasm\.js|js|wasm)$/

export const OCR_WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"

const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`))

// Named one by one so the dependency check sees each data package in use.
const LANG_DIRS: Record<OcrLang, () => string> = {
  eng: () => dirname(require.resolve('@tesseract.js-data/eng/package.json')),
  chi_sim: () => dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')),
}

/** The file on disk for a request path under /ocr, or undefined when it is not one of ours. */
export function ocrFile(path: string): string | undefined {
  if (path === OCR_PATHS.worker) return join(packageDir('tesseract.js'), 'dist', 'worker.min.js')
  if (path.startsWith(`${OCR_PATHS.core}/`)) {
    const name = path.slice(OCR_PATHS.core.length + 1)
    return CORE_FILE.test(name) ? join(packageDir('tesseract.js-core'), name) : undefined
  }
  if (path.startsWith(`${OCR_PATHS.lang}/`)) {
    const name = path.slice(OCR_PATHS.lang.length + 1)
    const lang = OCR_LANGS.find((l) => name === `${l}.traineddata.gz`)
    return lang ? join(LANG_DIRS[lang](), '4.0.0_best_int', name) : undefined
  }
  return undefined
}

function contentType(file: string): string {
  if (file.endsWith('.js')) return 'text/javascript; charset=utf-8'
  if (file.endsWith('.wasm')) return 'application/wasm'
  // Served as stored: tesseract.js unzips the trained data itself.
  return 'application/octet-stream'
}

export async function ocrFileHandler(c: Context): Promise<Response> {
  const file = ocrFile(c.req.path)
  if (!file) return c.text('Not found', 404)
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch {
    return c.text('The OCR files are missing from node_modules; run npm ci.', 404)
  }
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': contentType(file),
      'Content-Length': String(bytes.byteLength),
      // Pinned package versions under fixed names: a day's cache, then revalidated by a new load.
      'Cache-Control': 'public, max-age=86400',
      'Content-Security-Policy': OCR_WORKER_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'same-origin',
    },
  })
}
