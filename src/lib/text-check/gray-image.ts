/** The OCR input, grey (or ink only) and scaled, made in a Web Worker of its own (gray-image.worker.ts). */
import { t } from '@lingui/core/macro'
import type { OcrPrepare } from '../../shared/text-check.ts'

let worker: Worker | undefined
let nextId = 0
const waiting = new Map<number, { resolve: (b: Blob) => void; reject: (e: Error) => void }>()

function grayWorker(): Worker {
  if (worker) return worker
  worker = new Worker(new URL('./gray-image.worker.ts', import.meta.url), { type: 'module', name: 'ocr-prepare' })
  worker.onmessage = (e: MessageEvent<{ id: number; blob?: Blob; error?: string }>) => {
    const job = waiting.get(e.data.id)
    waiting.delete(e.data.id)
    if (e.data.blob) job?.resolve(e.data.blob)
    else {
      const why = e.data.error ?? t`unknown error`
      job?.reject(new Error(t`The image could not be prepared for OCR: ${why}`))
    }
  }
  return worker
}

export function grayImage(image: Blob, scale: number, prepare: OcrPrepare = 'grey'): Promise<Blob> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    grayWorker().postMessage({ id, image, scale, prepare })
  })
}
