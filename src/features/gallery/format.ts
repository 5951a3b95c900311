/** How the gallery writes numbers, sizes, times and prices (in the active language). */
import { i18n } from '@lingui/core'
import { t } from '@lingui/core/macro'
import { sizeInfo } from '../../shared/sizes.ts'

export const formatCount = (n: number) => n.toLocaleString(i18n.locale)

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let v = n
  let u = 0
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000
    u++
  }
  const digits = u === 0 ? 0 : v < 10 ? 1 : 0
  return `${v.toLocaleString(i18n.locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${units[u]}`
}

export const formatDateTime = (ms: number) => new Date(ms).toLocaleString(i18n.locale, { dateStyle: 'medium', timeStyle: 'short' })

/** "3 d", "23 h", "5 min", "12 s" */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 60) return t`${s} s`
  const min = Math.round(s / 60)
  if (min < 60) return t`${min} min`
  const h = Math.round(min / 60)
  const d = Math.round(h / 24)
  return h < 48 ? t`${h} h` : t`${d} d`
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
