/**
 * The gallery's view of image data (owned by lib/image-data.ts): the grid asks for a cell's
 * thumbnail when the cell is drawn, using what was read ahead at start-up for the first cells; the
 * detail view asks for the full image. The grid never reads full images.
 */
import { useQuery, type QueryClient } from '@tanstack/react-query'
import { imageKeys, imageThumbQuery, type ThumbsAhead } from '../../../lib/image-data.ts'
import { defaultDB, type DBProvider } from './gallery-repo.ts'
import { takePrefetchedThumb, takeReadyThumb } from './gallery-prefetch.ts'

const readAhead: ThumbsAhead = { ready: takeReadyThumb, take: takePrefetchedThumb }

/** A thumbnail as a data: URL (null when none is stored); read ahead at start-up for the first cells. */
export function thumbQuery(id: string, db: DBProvider = defaultDB) {
  return imageThumbQuery(id, db, db === defaultDB ? readAhead : undefined)
}

export function useThumb(id: string) {
  return useQuery(thumbQuery(id))
}

/** A thumbnail if it is cached, read without a query (for cells flying past in a fast scroll). */
export function cachedThumb(qc: QueryClient, id: string): string | null | undefined {
  return qc.getQueryData<string | null>(imageKeys.thumb(id))
}
