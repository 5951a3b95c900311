/**
 * Blobs by id, each its own query: the grid asks for a cell's thumbnail when the cell is drawn;
 * the detail view asks for the full image. The grid never reads full images. A cached Blob is a
 * handle (its bytes stay in the browser's blob store), so keeping a screenful or two is cheap.
 */
import { queryOptions, useQuery } from '@tanstack/react-query'
import { defaultDB, readImageBytes, readRecords, readThumb, type DBProvider } from './gallery-repo.ts'
import { takePrefetchedThumb } from './gallery-prefetch.ts'
import { galleryKeys } from './gallery-keys.ts'

export function thumbQuery(id: string, db: DBProvider = defaultDB) {
  return queryOptions({
    queryKey: galleryKeys.thumb(id),
    queryFn: async () => {
      const ahead = db === defaultDB ? await takePrefetchedThumb(id) : undefined
      return ahead !== undefined ? ahead : readThumb(db, id)
    },
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  })
}

/** A thumbnail; when not `enabled`, only what is already cached. */
export function useThumb(id: string, enabled = true) {
  return useQuery({ ...thumbQuery(id), enabled })
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
