/**
 * Poster text checks, one image at a time, after images are kept: the prompt's quoted strings
 * against what OCR reads in the image (src/shared/text-check.ts). The OCR engine is imported only
 * when an image has quoted text. The result goes into the image's record (`textCheck`); a check
 * that fails is recorded as failed with its reason; a cancelled one leaves the record unchanged.
 */
import { t } from '@lingui/core/macro'
import { useSyncExternalStore } from 'react'
import { quotedTexts } from '../../shared/text.ts'
import { defaultDB, readImageBytes, readRecords, type DBProvider } from '../image-reads.ts'
import type { TextCheck } from '../records.ts'
import { saveTextCheck } from './text-check-store.ts'

export interface TextCheckProgress {
  /** The image being read now, if any. */
  running: string | null
  queued: readonly string[]
}

let progress: TextCheckProgress = { running: null, queued: [] }
const listeners = new Set<() => void>()
let controller: AbortController | undefined
let draining: Promise<void> | undefined

function setProgress(next: TextCheckProgress) {
  progress = next
  for (const l of listeners) l()
}

/** The texts an image's prompt asks for: its quoted strings (an edit's quoted target text too). */
export function expectedTexts(prompt: string): string[] {
  return quotedTexts(prompt)
}

/** Reads one image and returns its check (failed, with the reason, when OCR breaks). */
export async function runTextCheck(image: Blob, expected: readonly string[], signal?: AbortSignal): Promise<TextCheck> {
  const { checkPoster } = await import('./check-poster.ts')
  try {
    return await checkPoster(image, expected, signal)
  } catch (error) {
    if (signal?.aborted) throw error
    const message = error instanceof Error ? error.message : String(error)
    return {
      status: 'failed',
      checkedAt: Date.now(),
      accuracy: 0,
      matches: [],
      ocrText: '',
      error: t`The text could not be read: ${message}`,
    }
  }
}

async function checkOne(db: DBProvider, id: string, signal: AbortSignal): Promise<void> {
  const record = (await readRecords(db, [id])).get(id)
  const expected = record ? expectedTexts(record.prompt) : []
  if (!record || expected.length === 0) return
  const blob = await readImageBytes(db, id)
  if (!blob) return
  const check = await runTextCheck(blob, expected, signal)
  await saveTextCheck(db, id, check)
}

/** Holds taken (results being shown and kept); the next check starts once there are none. */
let holds = 0
let released: (() => void) | undefined

/**
 * Keeps the next text check from starting until the returned function is called (a check under
 * way runs on): OCR is the heaviest work the page does, and new results are shown first.
 */
export function holdTextChecks(): () => void {
  holds++
  let once = false
  return () => {
    if (once) return
    once = true
    if (--holds > 0) return
    released?.()
    released = undefined
  }
}

const unheld = () => (holds === 0 ? Promise.resolve() : new Promise<void>((resolve) => (released = resolve)))

async function drain(db: DBProvider): Promise<void> {
  while (progress.queued.length) {
    await unheld()
    if (progress.queued.length === 0) break
    const [id, ...rest] = progress.queued
    setProgress({ running: id!, queued: rest })
    controller = new AbortController()
    try {
      await checkOne(db, id!, controller.signal)
    } catch (error) {
      // A cancelled check, or an image deleted while it was read: the next one goes on.
      if (!controller.signal.aborted) console.warn(`text check of ${id} failed`, error)
    }
  }
  controller = undefined
  setProgress({ running: null, queued: [] })
}

/** Queues these images for a text check (those without quoted text are skipped when reached). */
export function checkImageTexts(ids: readonly string[], db: DBProvider = defaultDB): void {
  const fresh = ids.filter((id) => id !== progress.running && !progress.queued.includes(id))
  if (fresh.length === 0) return
  setProgress({ ...progress, queued: [...progress.queued, ...fresh] })
  draining ??= drain(db).finally(() => {
    draining = undefined
  })
}

/** Stops the check under way and drops the queue. */
export function cancelTextChecks(): void {
  setProgress({ running: progress.running, queued: [] })
  controller?.abort(new DOMException('The text check was cancelled.', 'AbortError'))
}

/** Which image is being checked and which wait, now. */
export const textCheckProgress = (): TextCheckProgress => progress

/** Which image is being checked and which wait, for badges that say "checking…". */
export function useTextCheckProgress(): TextCheckProgress {
  return useSyncExternalStore((listener) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }, textCheckProgress)
}
