/**
 * Image data by id, each its own query: the grid asks for a cell's thumbnail (a data: URL of a
 * few KB) when the cell is drawn; the detail view asks for the full image (a Blob: a handle, its
 * bytes stay in the browser's blob store). The grid never reads full images.
 */
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query'
import { thumbDataUrl } from '../../../lib/thumb-rows.ts'
import { defaultDB, readImageBytes, readRecords, readThumb, type DBProvider } from './gallery-repo.ts'
import { takePrefetchedThumb, takeReadyThumb } from './gallery-prefetch.ts'
import { galleryKeys } from './gallery-keys.ts'

/** A thumbnail as a data: URL (null when none is stored); read ahead at start-up for the first cells. */
export function thumbQuery(id: string, db: DBProvider = defaultDB) {
  const prefetched = db === defaultDB
  return queryOptions({
    queryKey: galleryKeys.thumb(id),
    queryFn: async (): Promise<string | null> => {
      const ahead = prefetched ? await takePrefetchedThumb(id) : undefined
      if (ahead !== undefined) return ahead
      const row = await readThumb(db, id)
      return row ? thumbDataUrl(row) : null
    },
    initialData: prefetched ? () => takeReadyThumb(id) : undefined,
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  })
}

export function useThumb(id: string) {
  return useQuery(thumbQuery(id))
}

/** A thumbnail if it is cached, read without a query (for cells flying past in a fast scroll). */
export function cachedThumb(qc: QueryClient, id: string): string | null | undefined {
  return qc.getQueryData<string | null>(galleryKeys.thumb(id))
}

export function imageBytesQuery(id: string, db: DBProvider = defaultDB) {
  return queryOptions({
    queryKey: galleryKeys.bytes(id),
    queryFn: () => readImageBytes(db, id),
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
  })
}

export function useImageBytes(id: string | null) {
  return useQuery({ ...imageBytesQuery(id ?? ''), enabled: !!id })
}

/** One record by id, straight from IndexedDB (for images the catalog has not read yet). */
export function recordQuery(id: string, db: DBProvider = defaultDB) {
  return queryOptions({
    queryKey: galleryKeys.record(id),
    queryFn: async () => (await readRecords(db, [id])).get(id) ?? null,
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  })
}

export function useImageRecord(id: string | null) {
  return useQuery({ ...recordQuery(id ?? ''), enabled: !!id })
}
