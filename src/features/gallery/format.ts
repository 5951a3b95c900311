/** How the gallery writes numbers, sizes, times and prices. */
import { sizeInfo } from '../../shared/sizes.ts'

const numbers = new Intl.NumberFormat()

export const formatCount = (n: number) => numbers.format(n)

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = n
  let u = 0
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000
    u++
  }
  return `${u === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`
}

export const formatPrice = (usd: number) => `$${usd.toFixed(usd > 0 && usd < 0.1 ? 3 : 2)}`

export const formatDateTime = (ms: number) => new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/** "3 d", "23 h", "5 min", "12 s" */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return `${s} s`
  const min = Math.round(s / 60)
  if (min < 60) return `${min} min`
  const h = Math.round(min / 60)
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} d`
}

/** "16:9 · 1664×928" for the text-to-image sizes, "1024×1024" otherwise. */
export function formatSize(size: string, width?: number, height?: number): string {
  const known = sizeInfo(size)
  if (known) return `${known.ratio} · ${known.width}×${known.height}`
  return width && height ? `${width}×${height}` : size.replace('*', '×')
}

/** The prompt as a file-name slug (letters of any script kept), e.g. "summer-sale-poster". */
export function promptSlug(prompt: string, max = 48): string {
  const slug = prompt
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '')
  return slug || 'image'
}

/** A file name from the prompt, e.g. "summer-sale-poster-42.png". */
export function downloadName(prompt: string, tail: string, extension: string): string {
  return `${promptSlug(prompt)}-${tail}.${extension}`
}

/** A name that sorts by date and says what the image is: "2026-12-05_42_summer-sale-poster" (no extension). */
export function exportStem(record: { createdAt: number; seed?: number; id: string; prompt: string }): string {
  const date = new Date(record.createdAt).toISOString().slice(0, 10)
  return `${date}_${record.seed ?? record.id.slice(-6)}_${promptSlug(record.prompt, 40)}`
}
