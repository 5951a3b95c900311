/**
 * The catalog in memory: pages of records newest first, as read from the by-created index, and
 * how a change (a record added, updated or deleted, maybe in another tab) patches it in place.
 */
import type { InfiniteData } from '@tanstack/react-query'
import type { ImageRecord } from '../../../lib/records.ts'
import type { CatalogCursor, CatalogPage } from './catalog-pages.ts'

export type CatalogData = InfiniteData<CatalogPage, CatalogCursor | null>

/** Negative when `a` comes first (newer; same time: greater id), as the index gives them. */
export function compareNewestFirst(a: CatalogCursor, b: CatalogCursor): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt
  return a.id === b.id ? 0 : a.id > b.id ? -1 : 1
}

function insertSorted(records: ImageRecord[], record: ImageRecord): ImageRecord[] {
  const at = records.findIndex((r) => compareNewestFirst(record, r) < 0)
  return at < 0 ? [...records, record] : [...records.slice(0, at), record, ...records.slice(at)]
}

/**
 * Applies changes: a record replaces the one with its id (or is inserted in order, into the page
 * whose range holds it; past the pages read so far it is left for a later page), null removes it.
 */
export function patchCatalog(data: CatalogData, changes: ReadonlyMap<string, ImageRecord | null>): CatalogData {
  let pages = data.pages.map((p) => {
    const records = p.records.filter((r) => !changes.has(r.id))
    return records.length === p.records.length ? p : { ...p, records }
  })
  for (const record of changes.values()) {
    if (!record) continue
    const i = pages.findIndex((p) => p.end === null || compareNewestFirst(record, p.end) <= 0)
    if (i < 0) continue
    pages = pages.map((p, j) => (j === i ? { ...p, records: insertSorted(p.records, record) } : p))
  }
  return { ...data, pages }
}

/** Every record read so far, newest first. */
export function catalogRecords(data: { pages: readonly CatalogPage[] } | undefined): ImageRecord[] {
  return data ? data.pages.flatMap((p) => p.records) : []
}
