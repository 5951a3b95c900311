/**
 * Seeds the studio's IndexedDB with `count` kept images: records (valid ImageRecords, built here in
 * Node), small PNG bytes and WebP thumbnails (drawn in the page), stored as the studio stores them
 * (thumbnails inline: src/lib/thumb-rows.ts). `seedInPage` runs in the browser
 * via page.evaluate, against the database the app has already opened and upgraded.
 */
import { DB_NAME } from '../src/lib/db.ts'
import type { ImageRecord } from '../src/lib/records.ts'

const SIZES = [
  [1664, 928],
  [1328, 1328],
  [928, 1664],
  [1472, 1140],
] as const
const SUBJECTS = ['lighthouse', 'fox', 'tea house', 'harbour', 'mountain pass', 'robot', 'orchard', 'night market']

export function galleryRecords(count: number, now = Date.now()): ImageRecord[] {
  return Array.from({ length: count }, (_, i) => {
    const [width, height] = SIZES[i % SIZES.length]!
    const t2i = i % 5 !== 4
    return {
      id: `seed-${i}`,
      createdAt: now - i * 60_000,
      kind: t2i ? 't2i' : 'edit',
      model: t2i ? 'qwen-image-plus' : 'qwen-image-edit-plus',
      region: 'singapore',
      prompt: `seed ${i}: a ${SUBJECTS[i % SUBJECTS.length]} in watercolour, soft morning light`,
      negativePrompt: '',
      size: `${width}*${height}`,
      width,
      height,
      seed: i,
      outputs: 1,
      promptExtend: i % 2 === 0,
      watermark: false,
      jobId: `seed-job-${i}`,
      index: 0,
      parentIds: [],
      price: 0.03,
      favorite: i % 17 === 0,
      mime: 'image/png',
      bytes: 4096,
    }
  })
}

export interface SeedArgs {
  dbName: string
  records: ImageRecord[]
  /** Distinct pictures drawn; records reuse them in turn. */
  variants: number
}

export const seedArgs = (records: ImageRecord[]): SeedArgs => ({ dbName: DB_NAME, records, variants: 32 })

/** Runs in the page. Returns the number of records written. */
export async function seedInPage({ dbName, records, variants }: SeedArgs): Promise<number> {
  const draw = async (v: number, w: number, h: number, type: string) => {
    const canvas = new OffscreenCanvas(w, h)
    const ctx = canvas.getContext('2d')!
    const g = ctx.createLinearGradient(0, 0, w, h)
    g.addColorStop(0, `hsl(${(v * 47) % 360} 70% 55%)`)
    g.addColorStop(1, `hsl(${(v * 47 + 120) % 360} 60% 25%)`)
    ctx.fillStyle = g
    ctx.fillRect(0, 0, w, h)
    return canvas.convertToBlob(type === 'image/webp' ? { type, quality: 0.82 } : { type })
  }
  const pictures = await Promise.all(
    Array.from({ length: variants }, async (_, v) => {
      const thumb = await draw(v, 384, 214, 'image/webp')
      return { png: await draw(v, 96, 54, 'image/png'), thumb: { bytes: await thumb.arrayBuffer(), type: thumb.type } }
    }),
  )
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName)
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error ?? new Error('cannot open IndexedDB'))
  })
  try {
    const BATCH = 500
    for (let start = 0; start < records.length; start += BATCH) {
      const tx = db.transaction(['images', 'imageBytes', 'thumbs'], 'readwrite')
      records.slice(start, start + BATCH).forEach((record, i) => {
        const picture = pictures[(start + i) % pictures.length]!
        tx.objectStore('images').put({ ...record, bytes: picture.png.size })
        tx.objectStore('imageBytes').put({ id: record.id, blob: picture.png })
        tx.objectStore('thumbs').put({ id: record.id, createdAt: record.createdAt, ...picture.thumb })
      })
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve()
        tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('seeding transaction aborted'))
      })
    }
  } finally {
    db.close()
  }
  return records.length
}
