/**
 * The gallery as a zip (fflate): images/<date>_<seed>_<slug>.png, each the same stamped bytes a
 * single download gives (so any one of them, taken out alone, restores its parameters), not
 * recompressed; thumbs/ under the same names; and manifest.json with the records, which file is
 * whose, and the SHA-256 of the bytes as kept. Reading removes the stamp and checks the hash, so an
 * import restores the kept bytes exactly.
 */
import { t } from '@lingui/core/macro'
import { strFromU8, strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate'
import * as z from 'zod/mini'
import { ImageRecord } from '../../../lib/records.ts'
import { exportStem } from '../format.ts'
import { unstampPngParameters } from './png-parameters.ts'
import { reversibleStamp } from './stamp-image.ts'

export const MANIFEST_PATH = 'manifest.json'
const APP = 'qwen-image-studio'

export const GalleryManifest = z.object({
  app: z.literal(APP),
  /** 1: images as kept, named by id. 2: stamped images under readable names, with hashes. */
  version: z.union([z.literal(1), z.literal(2)]),
  exportedAt: z.number(),
  /** Re-parsed one by one on import: a damaged record is skipped, not fatal. */
  records: z.array(z.unknown()),
  files: z.record(
    z.string(),
    z.object({
      image: z.string(),
      thumb: z.optional(z.string()),
      /** SHA-256 (hex) of the image as kept, before the stamp. */
      sha256: z.optional(z.string().check(z.regex(/^[0-9a-f]{64}$/))),
      /** Whether the file in the zip carries the parameters stamp (removed on import). */
      stamped: z.optional(z.boolean()),
    }),
  ),
})
export type GalleryManifest = z.infer<typeof GalleryManifest>

export interface ZipEntry {
  record: ImageRecord
  image: Blob
  thumb: Blob | null
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'image/gif': 'gif',
}
const extension = (mime: string, fallback: string) => EXTENSIONS[mime.split(';')[0]!.trim()] ?? fallback
const mimeOf = (path: string) => Object.entries(EXTENSIONS).find(([, ext]) => path.endsWith(`.${ext}`))?.[0] ?? 'application/octet-stream'

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * A result link without its query: host and path say where the image was; the signature (and
 * its expiry) is a credential of sorts and is dead after 24 h anyway.
 */
export function withoutQuery(url: string): string | undefined {
  try {
    const u = new URL(url)
    return `${u.origin}${u.pathname}`
  } catch {
    return undefined
  }
}

/** A file name stem for a record, unique within the zip. */
function namer() {
  const taken = new Set<string>()
  return (record: ImageRecord) => {
    const base = exportStem(record)
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
    taken.add(name)
    return name
  }
}

/** Keeps the zip's output in a Blob as it goes, so a large export need not sit in one array. */
function blobSink() {
  let parts: BlobPart[] = []
  let pending: Uint8Array<ArrayBuffer>[] = []
  let pendingBytes = 0
  const flush = () => {
    if (!pending.length) return
    parts = [new Blob([...parts, ...pending])]
    pending = []
    pendingBytes = 0
  }
  return {
    push(chunk: Uint8Array) {
      pending.push(chunk as Uint8Array<ArrayBuffer>)
      pendingBytes += chunk.length
      if (pendingBytes > 64 * 1024 * 1024) flush()
    },
    blob() {
      flush()
      return new Blob(parts, { type: 'application/zip' })
    },
  }
}

/** Writes the zip, reading one image at a time from `entries`. */
export async function writeGalleryZip(
  entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>,
  exportedAt = Date.now(),
): Promise<{ zip: Blob; count: number }> {
  const sink = blobSink()
  const state: { failure?: Error; finished: boolean } = { finished: false }
  const zip = new Zip((error, chunk, final) => {
    if (error) state.failure = error
    else sink.push(chunk)
    if (final) state.finished = true
  })
  const name = namer()
  const manifest: GalleryManifest = { app: APP, version: 2, exportedAt, records: [], files: {} }
  for await (const { record, image, thumb } of entries) {
    const base = name(record)
    const kept = new Uint8Array(await image.arrayBuffer())
    const stamped = reversibleStamp(record, kept)
    const files: GalleryManifest['files'][string] = {
      image: `images/${base}.${extension(record.mime || image.type, 'png')}`,
      sha256: await sha256Hex(kept),
      stamped: stamped !== undefined,
    }
    const imageFile = new ZipPassThrough(files.image)
    imageFile.mtime = record.createdAt
    zip.add(imageFile)
    imageFile.push(stamped ?? kept, true)
    if (thumb) {
      files.thumb = `thumbs/${base}.${extension(thumb.type, 'webp')}`
      const thumbFile = new ZipPassThrough(files.thumb)
      thumbFile.mtime = record.createdAt
      zip.add(thumbFile)
      thumbFile.push(new Uint8Array(await thumb.arrayBuffer()), true)
    }
    const link = record.remoteUrl && withoutQuery(record.remoteUrl)
    manifest.records.push({ ...record, remoteUrl: link || undefined })
    manifest.files[record.id] = files
    if (state.failure) throw state.failure
  }
  const manifestFile = new ZipDeflate(MANIFEST_PATH, { level: 6 })
  manifestFile.mtime = exportedAt
  zip.add(manifestFile)
  manifestFile.push(strToU8(JSON.stringify(manifest, null, 1)), true)
  zip.end()
  if (state.failure) throw state.failure
  if (!state.finished) throw new Error('The zip was not finished')
  return { zip: sink.blob(), count: manifest.records.length }
}

export interface UnzippedImage {
  record: ImageRecord
  image: Uint8Array<ArrayBuffer>
  thumb: { bytes: Uint8Array<ArrayBuffer>; type: string } | null
}

export class GalleryZipError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GalleryZipError'
  }
}

/** The image as it was kept, or undefined when the file does not match its record or hash. */
async function keptBytes(file: Uint8Array<ArrayBuffer>, record: ImageRecord, paths: GalleryManifest['files'][string]) {
  let bytes = file
  if (paths.stamped) {
    try {
      bytes = unstampPngParameters(file)
    } catch {
      return undefined
    }
  }
  if (bytes.length !== record.bytes) return undefined
  if (paths.sha256 && (await sha256Hex(bytes)) !== paths.sha256) return undefined
  return bytes
}

/** The images of a gallery zip; `damaged` counts records that were unreadable or had no (or wrong) image. */
export async function readGalleryZip(bytes: Uint8Array): Promise<{ images: UnzippedImage[]; damaged: number }> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes)
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error)
    throw new GalleryZipError(t`Not a zip file (${why})`)
  }
  const raw = files[MANIFEST_PATH]
  if (!raw) throw new GalleryZipError(t`This zip has no manifest.json: it is not a gallery export`)
  let json: unknown
  try {
    json = JSON.parse(strFromU8(raw))
  } catch {
    throw new GalleryZipError(t`manifest.json is not valid JSON`)
  }
  const manifest = GalleryManifest.safeParse(json)
  if (!manifest.success) throw new GalleryZipError(t`manifest.json is not a Qwen Image Studio gallery manifest`)
  const images: UnzippedImage[] = []
  let damaged = 0
  for (const value of manifest.data.records) {
    const parsed = ImageRecord.safeParse(value)
    const paths = parsed.success ? manifest.data.files[parsed.data.id] : undefined
    const file = paths ? files[paths.image] : undefined
    const image = parsed.success && file && paths ? await keptBytes(file as Uint8Array<ArrayBuffer>, parsed.data, paths) : undefined
    if (!parsed.success || !image) {
      damaged++
      continue
    }
    const thumb = paths?.thumb ? files[paths.thumb] : undefined
    images.push({
      record: parsed.data,
      image,
      thumb: thumb && paths?.thumb ? { bytes: thumb as Uint8Array<ArrayBuffer>, type: mimeOf(paths.thumb) } : null,
    })
  }
  return { images, damaged }
}
