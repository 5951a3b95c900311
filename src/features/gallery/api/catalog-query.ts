/**
 * The catalog: every image record, newest first, read from IndexedDB in pages with a cursor. The
 * first page is small so the grid paints at once; the rest follow in the background (search,
 * filters and counts need them). Changes patch the pages in place (useGallerySync) instead of
 * reading 10,000 records again.
 */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { countImages, defaultDB, readCatalogPage, type CatalogCursor, type DBProvider } from './gallery-repo.ts'
import { galleryKeys } from './gallery-keys.ts'

/** Enough for the first screen of cells on a large display. */
export const FIRST_PAGE = 120
export const NEXT_PAGE = 1000

export function catalogQuery(db: DBProvider = defaultDB) {
  return infiniteQueryOptions({
    queryKey: galleryKeys.catalog(),
    queryFn: ({ pageParam }) => readCatalogPage(db, pageParam, pageParam ? NEXT_PAGE : FIRST_PAGE),
    initialPageParam: null as CatalogCursor | null,
    getNextPageParam: (last) => last.end ?? undefined,
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  })
}

/** The catalog, reading every page until the oldest record. */
export function useCatalog() {
  const q = useInfiniteQuery(catalogQuery())
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = q
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage({ cancelRefetch: false })
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage])
  return q
}

export function countsQuery(db: DBProvider = defaultDB) {
  return queryOptions({
    queryKey: galleryKeys.counts(),
    queryFn: () => countImages(db),
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  })
}

export function useImageCounts() {
  return useQuery(countsQuery())
}
