/**
 * The poster text check of one image, loaded with import() on first use: the image is read in up
 * to six passes (OCR_PASSES: grey at three sizes, block and sparse layout, then ink only) until every
 * quoted string is read exactly, and each string keeps its best reading. All the work runs in
 * Web Workers (gray-image.worker.ts, tesseract's); the page only passes messages.
 */
import { betterMatch, matchText, OCR_PASSES, ocrLangsFor, passNeeded, textAccuracy } from '../../shared/text-check.ts'
import type { TextCheck } from '../records.ts'
import { grayImage } from './gray-image.ts'
import { readText } from './ocr-engine.ts'

export async function checkPoster(image: Blob, expected: readonly string[], signal?: AbortSignal): Promise<TextCheck> {
  const started = performance.now()
  const langs = ocrLangsFor(expected)
  let matches = expected.map((e) => matchText(e, ''))
  const texts: string[] = []
  for (const pass of OCR_PASSES) {
    if (texts.length && !passNeeded(pass, matches)) continue
    signal?.throwIfAborted()
    const text = await readText(await grayImage(image, pass.scale, pass.prepare), langs, pass.layout, signal)
    texts.push(text)
    matches = matches.map((m, i) => betterMatch(m, matchText(expected[i]!, text)))
  }
  return {
    status: matches.every((m) => m.verdict === 'exact') ? 'ok' : 'wrong',
    checkedAt: Date.now(),
    accuracy: textAccuracy(matches),
    matches,
    ocrText: texts[0] ?? '',
    ms: Math.round(performance.now() - started),
  }
}
