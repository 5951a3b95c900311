/**
 * Keeping images: bytes, thumbnail, metadata and the job's new state go into IndexedDB in one
 * transaction, so there is never a half-written record. Other tabs hear about it.
 */
import type { IDBPDatabase } from 'idb'
import { studioDB, type StudioDB } from './db.ts'
import { ImageRecord, JobRecord, type ImageRecordInput } from './records.ts'

export interface KeptImage {
  record: ImageRecordInput
  blob: Blob
  thumb: Blob
}

const CHANNEL = 'qwen-image-studio'

export type StudioEvent = { type: 'images-changed'; ids: string[] } | { type: 'jobs-changed'; ids: string[] }

export function broadcast(event: StudioEvent) {
  if (typeof BroadcastChannel === 'undefined') return
  const ch = new BroadcastChannel(CHANNEL)
  ch.postMessage(event)
  ch.close()
}

export function listen(handler: (event: StudioEvent) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {}
  const ch = new BroadcastChannel(CHANNEL)
  ch.onmessage = (e: MessageEvent<StudioEvent>) => handler(e.data)
  return () => ch.close()
}

/** Writes images (+ bytes + thumbnails) and, when given, the job, in one transaction. */
export async function keepImages(images: KeptImage[], job?: JobRecord, db?: IDBPDatabase<StudioDB>): Promise<ImageRecord[]> {
  const conn = db ?? (await studioDB())
  const records = images.map((i) => ImageRecord.parse(i.record))
  const tx = conn.transaction(['images', 'imageBytes', 'thumbs', 'jobs'], 'readwrite')
  const writes: Promise<unknown>[] = []
  images.forEach((img, i) => {
    const record = records[i]!
    writes.push(tx.objectStore('imageBytes').put({ id: record.id, blob: img.blob }))
    writes.push(tx.objectStore('thumbs').put({ id: record.id, blob: img.thumb }))
    writes.push(tx.objectStore('images').put(record))
  })
  if (job) writes.push(tx.objectStore('jobs').put(JobRecord.parse(job)))
  await Promise.all([...writes, tx.done])
  broadcast({ type: 'images-changed', ids: records.map((r) => r.id) })
  if (job) broadcast({ type: 'jobs-changed', ids: [job.id] })
  return records
}
