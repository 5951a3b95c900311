/**
 * What the grid shows: the ids that pass the filters, in order, with their records; how many
 * there will be once every page is read (for a stable scroll height); and the filter menus.
 */
import { useDeferredValue, useMemo } from 'react'
import type { ImageRecord } from '../../../lib/records.ts'
import { facets, filterRecords, isUnfiltered, type GalleryFilters } from '../gallery-filters.ts'
import { catalogRecords } from './catalog-order.ts'
import { useCatalog, useImageCounts } from './catalog-query.ts'

export interface GalleryView {
  ids: string[]
  byId: ReadonlyMap<string, ImageRecord>
  /** Cells to lay out: ids.length, or the expected count while pages are still being read. */
  expected: number
  /** Every page has been read. */
  complete: boolean
  /** Records read so far (all kinds). */
  loaded: number
  /** Records stored (all kinds, damaged too). */
  total: number | undefined
  damaged: number
  facets: { models: string[]; sizes: string[] }
  isPending: boolean
  error: Error | null
}

export function useGalleryView(filters: GalleryFilters): GalleryView {
  const catalog = useCatalog()
  const counts = useImageCounts()
  const deferred = useDeferredValue(filters)
  const data = catalog.data
  const all = useMemo(() => catalogRecords(data), [data])
  const byId = useMemo(() => new Map(all.map((r) => [r.id, r])), [all])
  const complete = !!data && !catalog.hasNextPage
  // Oldest first needs the last page: until it is read, lay out placeholders only.
  const waitForOldest = !complete && deferred.sort === 'oldest'
  const visible = useMemo(() => (waitForOldest ? [] : filterRecords(all, deferred)), [all, deferred, waitForOldest])
  const ids = useMemo(() => visible.map((r) => r.id), [visible])
  const menus = useMemo(() => facets(all), [all])
  const damaged = data ? data.pages.reduce((n, p) => n + p.damaged, 0) : 0
  let expected = ids.length
  if (!complete && counts.data && isUnfiltered(deferred)) {
    const { total, inputs } = counts.data
    const want = deferred.kind === 'all' ? total : deferred.kind === 'input' ? inputs : total - inputs
    expected = Math.max(ids.length, want)
  }
  return {
    ids,
    byId,
    expected,
    complete,
    loaded: all.length,
    total: counts.data?.total,
    damaged,
    facets: menus,
    isPending: catalog.isPending,
    error: catalog.error,
  }
}
