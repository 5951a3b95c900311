/**
 * The catalog: every image record, newest first, read from IndexedDB in pages (catalog-pages.ts).
 * The first page is small (and read ahead: gallery-prefetch.ts) so the grid paints at once; the
 * rest follow in the background once the first screen is painted (gallery-first-paint.ts; search,
 * filters and counts need them). Changes patch the pages in place (useGallerySync) instead of reading 10,000 records
 * again.
 */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { afterFirstScreen, nothingToPaint } from '../gallery-first-paint.ts'
import { readCatalogPage, type CatalogCursor } from './catalog-pages.ts'
import { countImages, defaultDB, type DBProvider } from './gallery-repo.ts'
import { FIRST_PAGE, prefetchGallery, takePrefetchedPage, takeReadyPage } from './gallery-prefetch.ts'
import { galleryKeys } from './gallery-keys.ts'

export const NEXT_PAGE = 500
/** Between pages, so that thumbnail reads get their turn at the database. */
const PAGE_PAUSE_MS = 30

export function catalogQuery(db: DBProvider = defaultDB) {
  const prefetched = db === defaultDB
  return infiniteQueryOptions({
    queryKey: galleryKeys.catalog(),
    queryFn: async ({ pageParam }) => {
      if (pageParam) return readCatalogPage(db, pageParam, NEXT_PAGE)
      const ahead = prefetched ? takePrefetchedPage() : undefined
      return (ahead && (await ahead.catch(() => undefined))) || readCatalogPage(db, null, FIRST_PAGE)
    },
    // The first page read at start-up, when it is there by the time the gallery renders.
    initialData: () => {
      const page = prefetched ? takeReadyPage() : undefined
      return page && { pages: [page], pageParams: [null] }
    },
    initialPageParam: null as CatalogCursor | null,
    getNextPageParam: (last) => last.end ?? undefined,
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  })
}

/** The catalog, reading every page until the oldest record once the first screen is painted. */
export function useCatalog() {
  useState(() => void prefetchGallery()) // before the query's effect: starts the reads a render earlier
  const q = useInfiniteQuery(catalogQuery())
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = q
  const [background, setBackground] = useState(false)
  const started = !!q.data
  const empty = q.data?.pages[0]?.records.length === 0
  useEffect(() => {
    if (empty) nothingToPaint()
  }, [empty])
  useEffect(() => {
    if (!started || background) return
    let live = true
    void afterFirstScreen().then(() => live && setBackground(true))
    return () => {
      live = false
    }
  }, [started, background])
  useEffect(() => {
    if (!background || !hasNextPage || isFetchingNextPage || isError) return
    const t = setTimeout(() => void fetchNextPage({ cancelRefetch: false }), PAGE_PAUSE_MS)
    return () => clearTimeout(t)
  }, [background, hasNextPage, isFetchingNextPage, isError, fetchNextPage])
  return q
}

export function countsQuery(db: DBProvider = defaultDB) {
  return queryOptions({
    queryKey: galleryKeys.counts(),
    // Counting 10,000 records is not the first screen's: the page's own database waits for it.
    queryFn: async () => {
      if (db === defaultDB) await afterFirstScreen()
      return countImages(db)
    },
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  })
}

export function useImageCounts() {
  return useQuery(countsQuery())
}
