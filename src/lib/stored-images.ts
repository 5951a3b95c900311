/** Reading kept images back: records and bytes from IndexedDB, through react-query. */
import { queryOptions, useQuery } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { studioDB } from './db.ts'
import { ImageRecord } from './records.ts'
import { parseThumb, thumbBlob } from './thumb-rows.ts'

export const imageRecordQuery = (id: string) =>
  queryOptions({
    queryKey: ['image-record', id],
    queryFn: async () => {
      const raw = await (await studioDB()).get('images', id)
      const parsed = ImageRecord.safeParse(raw)
      return parsed.success ? parsed.data : null
    },
    networkMode: 'always',
    staleTime: Infinity,
  })

export const imageBlobQuery = (id: string, store: 'imageBytes' | 'thumbs' = 'imageBytes') =>
  queryOptions({
    queryKey: ['image-blob', store, id],
    queryFn: async () => {
      const db = await studioDB()
      if (store === 'imageBytes') return (await db.get(store, id))?.blob ?? null
      const thumb = parseThumb(await db.get(store, id))
      return thumb ? thumbBlob(thumb) : null
    },
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: 30_000,
  })

/** Ids of the images made from this one (edits that took it as an input), oldest first. */
export const childImagesQuery = (id: string) =>
  queryOptions({
    queryKey: ['image-children', id],
    queryFn: async () => (await studioDB()).getAllKeysFromIndex('images', 'by-parent', id),
    networkMode: 'always',
  })

export function useChildImages(id: string) {
  return useQuery(childImagesQuery(id))
}

export function useImageRecord(id: string) {
  return useQuery(imageRecordQuery(id))
}

/** An object URL for a kept image (or its thumbnail), revoked when no longer used. */
export function useImageObjectUrl(id: string, store: 'imageBytes' | 'thumbs' = 'imageBytes') {
  const q = useQuery(imageBlobQuery(id, store))
  const url = useMemo(() => (q.data ? URL.createObjectURL(q.data) : undefined), [q.data])
  useEffect(() => () => {
    if (url) URL.revokeObjectURL(url)
  }, [url])
  return url
}
