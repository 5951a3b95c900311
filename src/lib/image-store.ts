/**
 * Keeping images: bytes, thumbnail, metadata and the job's new state go into IndexedDB in one
 * transaction, so there is never a half-written record. A full disk is reported as a StudioError
 * with code 'QuotaExceeded' (and announced, so the gallery can offer an export). Every change is
 * announced on the studio bus (studio-bus.ts).
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb'
import { studioDB, type StudioDB } from './db.ts'
import { ImageRecord, JobRecord, type ImageRecordInput } from './records.ts'
import { broadcast } from './studio-bus.ts'
import { StudioError } from '../shared/studio-error.ts'
import { thumbRow } from './thumb-rows.ts'
import { t } from '@lingui/core/macro'

export interface KeptImage {
  record: ImageRecordInput
  blob: Blob
  thumb: Blob
}

export const QUOTA_EXCEEDED = 'QuotaExceeded'

/** What the user reads when the browser's storage is full, in the active language. */
export const quotaMessage = () =>
  t`The browser's storage for the studio is full, so nothing was saved. Export the gallery to a zip file, then delete images you no longer need to make room.`

function errorName(error: unknown): string | undefined {
  return error && typeof error === 'object' && 'name' in error && typeof error.name === 'string' ? error.name : undefined
}

/** QuotaExceededError, Firefox's old name for it, or an abort whose reason is the quota. */
export function isQuotaError(error: unknown): boolean {
  const name = errorName(error)
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true
  const message = error instanceof Error ? error.message : ''
  return name === 'AbortError' && /quota|storage.*full|disk.*full/i.test(message)
}

export function quotaExceededError(): StudioError {
  return new StudioError({ code: QUOTA_EXCEEDED, message: quotaMessage(), status: 0, retryable: false })
}

/**
 * Marks a request's promise as handled. When a later write in the same transaction throws, the
 * transaction is aborted and its earlier requests reject: the caller reports that one failure.
 */
export function handled<T>(request: Promise<T>): Promise<T> {
  request.catch(() => {})
  return request
}

type Stores = StoreNames<StudioDB>[]
export type WriteTx<S extends Stores> = IDBPTransaction<StudioDB, S, 'readwrite'>

/**
 * Runs `write` in one readwrite transaction over `stores`. `write` issues requests (only IndexedDB
 * awaits inside, or the transaction commits early) and returns their promises. Any failure aborts
 * the whole transaction, so either every write lands or none does (wrap each request in
 * `handled` when issuing several, so an abort does not leave unhandled rejections); a full disk becomes a
 * 'QuotaExceeded' StudioError (and a 'storage-full' event), anything else is rethrown.
 */
export async function writeAtomically<S extends Stores, T>(
  conn: IDBPDatabase<StudioDB>,
  stores: S,
  write: (tx: WriteTx<S>) => Promise<T> | T,
): Promise<T> {
  const tx = conn.transaction(stores, 'readwrite')
  try {
    const [result] = await Promise.all([write(tx), tx.done])
    return result
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // already finished (aborted by the failing request, or by the browser)
    }
    await tx.done.catch(() => {})
    if (isQuotaError(error) || isQuotaError(tx.error)) {
      const full = quotaExceededError()
      broadcast({ type: 'storage-full', message: full.message })
      throw full
    }
    throw error
  }
}

/** Writes images (+ bytes + thumbnails) and, when given, the job, in one transaction. */
export async function keepImages(images: KeptImage[], job?: JobRecord, db?: IDBPDatabase<StudioDB>): Promise<ImageRecord[]> {
  const conn = db ?? (await studioDB())
  const records = images.map((i) => ImageRecord.parse(i.record))
  const jobRecord = job ? JobRecord.parse(job) : undefined
  const thumbs = await Promise.all(images.map((img, i) => thumbRow(records[i]!, img.thumb)))
  await writeAtomically(conn, ['images', 'imageBytes', 'thumbs', 'jobs'], (tx) => {
    const writes: Promise<unknown>[] = []
    images.forEach((img, i) => {
      const record = records[i]!
      writes.push(handled(tx.objectStore('imageBytes').put({ id: record.id, blob: img.blob })))
      writes.push(handled(tx.objectStore('thumbs').put(thumbs[i]!)))
      writes.push(handled(tx.objectStore('images').put(record)))
    })
    if (jobRecord) writes.push(handled(tx.objectStore('jobs').put(jobRecord)))
    return Promise.all(writes)
  })
  broadcast({ type: 'images-changed', ids: records.map((r) => r.id) })
  if (job) broadcast({ type: 'jobs-changed', ids: [job.id] })
  return records
}
