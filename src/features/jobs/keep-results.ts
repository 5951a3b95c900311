/**
 * Turning a finished job's results into kept images: the bytes the studio server holds for it
 * fetched, a thumbnail made, and records + bytes + the finished job written in one IndexedDB
 * transaction.
 */
import { keepImages, type KeptImage } from '../../lib/image-store.ts'
import { ImageRecord, type ImageRecordInput, type JobRecord } from '../../lib/records.ts'
import { parseSize } from '../../shared/sizes.ts'
import { makeThumbnail } from '../../lib/thumbnail.ts'
import { LIMITS } from '../../shared/limits.ts'
import { priceOf } from '../../shared/models.ts'
import { withBackoff } from './retry.ts'
import { requestSummary } from './request-summary.ts'

export interface ResultLink {
  url: string
  actualPrompt?: string
}

/** Expiry of a result link: its `Expires` parameter (unix seconds), else a day after `from`. */
export function linkExpiry(url: string, from: number): number {
  try {
    const expires = Number(new URL(url).searchParams.get('Expires'))
    if (Number.isFinite(expires) && expires > 0) return expires * 1000
  } catch {
    // not a URL we can read: fall back to the documented lifetime
  }
  return from + LIMITS.resultTtlSeconds * 1000
}

export function imageRecordFor(
  job: JobRecord,
  link: ResultLink,
  index: number,
  width: number,
  height: number,
  blob: Blob,
): ImageRecordInput {
  const s = requestSummary(job.request)
  const now = Date.now()
  return {
    id: `${job.id}-${index}`,
    createdAt: now,
    kind: job.kind,
    model: s.model,
    region: job.region,
    prompt: s.prompt,
    actualPrompt: link.actualPrompt,
    negativePrompt: s.negativePrompt,
    size: `${width}*${height}`,
    width,
    height,
    seed: s.seed,
    outputs: s.n,
    promptExtend: s.promptExtend,
    watermark: s.watermark,
    requestId: job.requestId,
    taskId: job.taskId,
    jobId: job.id,
    index,
    parentIds: job.inputIds,
    price: priceOf(s.model, job.region, 1),
    remoteUrl: link.url,
    remoteExpiresAt: linkExpiry(link.url, job.submittedAt ?? now),
    favorite: false,
    mime: blob.type || 'image/png',
    bytes: blob.size,
  }
}

export interface KeepHooks {
  /** An image's bytes have arrived (not yet stored): it can be shown while it is being kept. */
  onPreview?: (job: JobRecord, record: ImageRecord, blob: Blob) => void
  /**
   * Resolves once a previewed image has been painted (or has had its chance): its thumbnail,
   * which decodes the image once more, waits for that, so the first paint has the machine.
   */
  painted?: (imageId: string) => Promise<void>
}

/** The size a result will have, known before decoding it: the requested size, or the edit's usage. */
function expectedSize(job: JobRecord): { width: number; height: number } | undefined {
  if (job.usage?.width && job.usage.height) return { width: job.usage.width, height: job.usage.height }
  return parseSize(requestSummary(job.request).size)
}

/** The record an arriving image is shown with before it is kept; undefined where its size is not known yet. */
export function previewRecord(job: JobRecord, link: ResultLink, index: number, blob: Blob): ImageRecord | undefined {
  const header = expectedSize(job)
  return header && ImageRecord.parse(imageRecordFor(job, link, index, header.width, header.height, blob))
}

/** `bytes(index)`: the result's bytes (held by the studio server until they are acknowledged). */
export async function keepResults(
  job: JobRecord,
  links: ResultLink[],
  bytes: (index: number) => Promise<Blob>,
  hooks: KeepHooks = {},
): Promise<string[]> {
  const kept: KeptImage[] = await Promise.all(
    links.map(async (link, index) => {
      const blob = await withBackoff(() => bytes(index), { retries: 3, minMs: 500 })
      performance.mark(`qis:fetched:${job.id}-${index}`)
      const preview = hooks.onPreview && previewRecord(job, link, index, blob)
      if (preview) {
        hooks.onPreview!(job, preview, blob)
        await hooks.painted?.(preview.id)
      }
      const thumb = await makeThumbnail(blob)
      performance.mark(`qis:thumbed:${job.id}-${index}`)
      return { record: imageRecordFor(job, link, index, thumb.sourceWidth, thumb.sourceHeight, blob), blob, thumb: thumb.blob }
    }),
  )
  const ids = kept.map((k) => k.record.id)
  await keepImages(kept, {
    ...job,
    status: 'succeeded',
    finishedAt: job.finishedAt ?? Date.now(),
    updatedAt: Date.now(),
    imageIds: ids,
    pendingResults: undefined,
    error: undefined,
  })
  performance.mark(`qis:kept:${job.id}`) // the IndexedDB transaction has committed
  return ids
}
