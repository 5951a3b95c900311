/**
 * Rows of the thumbs store. From v4 on a row carries its bytes inline ({ id, bytes, type }), so
 * reading a screenful of thumbnails opens no Blob files; rows written before v4 ({ id, blob })
 * are read too, until convertLegacyThumbs() has rewritten them.
 */
import { StoredThumb, type ImageRecord, type ThumbRow } from './records.ts'

/** Whose thumbnail a row is: the image's id and, when its record is known, its creation time. */
export type ThumbOwner = Pick<ImageRecord, 'id'> & Partial<Pick<ImageRecord, 'createdAt'>>

/** A row for a thumbnail made in the browser (its bytes are read here, outside any transaction). */
export async function thumbRow({ id, createdAt }: ThumbOwner, thumb: Blob): Promise<ThumbRow> {
  return { id, createdAt, bytes: await thumb.arrayBuffer(), type: thumb.type }
}

/** A row for thumbnail bytes (copied: `bytes` may be a view into a larger buffer). */
export function thumbRowFromBytes({ id, createdAt }: ThumbOwner, bytes: Uint8Array, type: string): ThumbRow {
  return { id, createdAt, bytes: bytes.slice().buffer, type }
}

/** A stored row re-parsed: undefined when missing or damaged. */
export function parseThumb(value: unknown): StoredThumb | undefined {
  const parsed = StoredThumb.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** A row's bytes as a Blob of its type. */
export function thumbBlob(row: StoredThumb): Blob {
  return 'blob' in row ? row.blob : new Blob([row.bytes], { type: row.type })
}

/**
 * Copies a row into memory (a legacy row's Blob is a handle that dies with its IndexedDB row),
 * inline; `createdAt` is its image's, for a legacy row.
 */
export async function detachThumb(row: StoredThumb, createdAt?: number): Promise<ThumbRow> {
  return 'blob' in row ? thumbRow({ id: row.id, createdAt }, row.blob) : row
}

/** Uint8Array.prototype.toBase64 (Chromium 140+, Firefox 133+, Safari 18.2+): native, ~50x faster. */
type WithToBase64 = Uint8Array & { toBase64?: () => string }

const CHUNK = 0x2000

export function base64(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64
  if (typeof native === 'function') return native.call(bytes)
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  return btoa(binary)
}

/**
 * A data: URL of the thumbnail: made at once from inline bytes (no Blob read, nothing to revoke,
 * and the <img> decodes it without asking the browser process for a file).
 */
export async function thumbDataUrl(row: StoredThumb): Promise<string> {
  const { bytes, type } = await detachThumb(row)
  return `data:${type};base64,${base64(new Uint8Array(bytes))}`
}
