// @vitest-environment node
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { OCR_PATHS } from '../shared/api-paths.ts'
import { OCR_WORKER_CSP, ocrFile, ocrFileHandler } from './ocr-files.ts'

const app = new Hono().get('/ocr/*', ocrFileHandler)

describe('GET /ocr/*: the OCR engine from node_modules', () => {
  it('serves the worker, a wasm core and both trained data files with their types and the worker policy', async () => {
    for (const [path, type] of [
      [OCR_PATHS.worker, 'text/javascript; charset=utf-8'],
      [`${OCR_PATHS.core}/tesseract-core-simd-lstm.wasm.js`, 'text/javascript; charset=utf-8'],
      [`${OCR_PATHS.core}/tesseract-core-lstm.wasm`, 'application/wasm'],
      [`${OCR_PATHS.lang}/eng.traineddata.gz`, 'application/octet-stream'],
      [`${OCR_PATHS.lang}/chi_sim.traineddata.gz`, 'application/octet-stream'],
    ] as const) {
      const res = await app.request(path)
      expect(res.status, path).toBe(200)
      expect(res.headers.get('content-type')).toBe(type)
      expect(res.headers.get('content-security-policy')).toBe(OCR_WORKER_CSP)
      expect(res.headers.get('content-encoding')).toBeNull()
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(1000)
    }
  })
  it('serves nothing else: no other file, no path escape', async () => {
    for (const path of [
      '/ocr/../package.json',
      '/ocr/core/index.js',
      '/ocr/core/../../package.json',
      '/ocr/lang/fra.traineddata.gz',
      '/ocr/lang/eng.traineddata',
    ])
      expect(ocrFile(path), path).toBeUndefined()
    expect((await app.request('/ocr/core/LICENSE')).status).toBe(404)
  })
})
