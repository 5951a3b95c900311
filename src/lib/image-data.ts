/**
 * The one owner of kept image data in the page: records, bytes, thumbnails and lineage, their
 * query keys, and how a change reaches every view. Every view (job cards, edit inputs, compare,
 * gallery grid and detail) reads through these queries; every write is announced on the studio
 * bus and `refreshImages` brings all of them up to date, in this tab and in the others
 * (`useImageDataSync`, mounted once by the app).
 */
import { t } from '@lingui/core/macro'
import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { defaultDB, readChildren, readImageBytes, readRecords, readThumb, type DBProvider } from './image-reads.ts'
import type { ImageRecord } from './records.ts'
import { listen } from './studio-bus.ts'
import { thumbDataUrl } from './thumb-rows.ts'

export const imageKeys = {
  all: ['images'] as const,
  record: (id: string) => ['images', 'record', id] as const,
  bytes: (id: string) => ['images', 'bytes', id] as const,
  thumb: (id: string) => ['images', 'thumb', id] as const,
  children: (id: string) => ['images', 'children', id] as const,
  allChildren: () => ['images', 'children'] as const,
}

/** One record by id; null when it is missing or damaged (a deleted image). */
export const imageRecordQuery = (id: string, db: DBProvider = defaultDB) =>
  queryOptions({
    queryKey: imageKeys.record(id),
    queryFn: async (): Promise<ImageRecord | null> => (await readRecords(db, [id])).get(id) ?? null,
    networkMode: 'always',
    staleTime: Infinity,
    retry: false,
  })

/** The full image (a Blob: a handle, its bytes stay in the browser's blob store). */
export const imageBytesQuery = (id: string, db: DBProvider = defaultDB) =>
  queryOptions({
    queryKey: imageKeys.bytes(id),
    queryFn: () => readImageBytes(db, id),
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: 30_000,
    retry: false,
  })

/**
 * Thumbnails read before the queries start (the gallery reads its first screen ahead, before
 * React renders): `ready` gives one synchronously when it has settled, `take` waits for it;
 * undefined means not read ahead.
 */
export interface ThumbsAhead {
  ready: (id: string) => string | null | undefined
  take: (id: string) => Promise<string | null | undefined> | undefined
}

/** A thumbnail as a data: URL of a few KB (null when none is stored). */
export const imageThumbQuery = (id: string, db: DBProvider = defaultDB, ahead?: ThumbsAhead) =>
  queryOptions({
    queryKey: imageKeys.thumb(id),
    queryFn: async (): Promise<string | null> => {
      const early = ahead ? await ahead.take(id) : undefined
      if (early !== undefined) return early
      const row = await readThumb(db, id)
      return row ? thumbDataUrl(row) : null
    },
    initialData: ahead ? () => ahead.ready(id) : undefined,
    networkMode: 'always',
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  })

/** Ids of the images made from this one (edits that took it as an input), oldest first. */
export const childImagesQuery = (id: string, db: DBProvider = defaultDB) =>
  queryOptions({
    queryKey: imageKeys.children(id),
    queryFn: () => readChildren(db, id),
    networkMode: 'always',
    retry: false,
  })

export function useImageRecord(id: string | null) {
  return useQuery({ ...imageRecordQuery(id ?? ''), enabled: !!id })
}

export function useImageBytes(id: string | null) {
  return useQuery({ ...imageBytesQuery(id ?? ''), enabled: !!id })
}

export function useImageThumb(id: string | null) {
  return useQuery({ ...imageThumbQuery(id ?? ''), enabled: !!id })
}

export function useChildImages(id: string) {
  return useQuery(childImagesQuery(id))
}

/** Object URLs by image bytes, shared by every view showing the same Blob (the browser decodes it once). */
const objectUrls = new WeakMap<Blob, { url: string; users: number }>()

function useObjectUrl(blob: Blob | null | undefined): string | undefined {
  const url = useMemo(() => {
    if (!blob) return undefined
    const shared = objectUrls.get(blob)
    if (shared) return shared.url
    const fresh = { url: URL.createObjectURL(blob), users: 0 }
    objectUrls.set(blob, fresh)
    return fresh.url
  }, [blob])
  useEffect(() => {
    const shared = blob ? objectUrls.get(blob) : undefined
    if (!blob || !shared) return
    shared.users++
    return () => {
      shared.users--
      // Later, so that a view taking over the same image (a remount) keeps the URL.
      setTimeout(() => {
        if (shared.users > 0 || objectUrls.get(blob) !== shared) return
        URL.revokeObjectURL(shared.url)
        objectUrls.delete(blob)
      }, 0)
    }
  }, [blob])
  return url
}

/** An object URL for a kept image, shared by the views that show it and revoked when none does. */
export function useImageObjectUrl(id: string | null) {
  return useObjectUrl(useImageBytes(id).data)
}

/** Told what each refresh read, after its records are set: views that keep their own lists of images. */
export type ImagesRefreshed = (qc: QueryClient, changes: ReadonlyMap<string, ImageRecord | null>) => void
const refreshedListeners = new Set<ImagesRefreshed>()

/** Hears every refresh of image data (one IndexedDB read per change, shared by all views). */
export function onImagesRefreshed(listener: ImagesRefreshed): () => void {
  refreshedListeners.add(listener)
  return () => refreshedListeners.delete(listener)
}

/**
 * Brings every cached view of these images up to date with IndexedDB: records are re-read and set;
 * a changed image's bytes and thumbnail are read again, a deleted one's are set to null at once
 * (so no view keeps showing it); lineage is re-read; then views with lists of their own (the
 * gallery's catalog) are handed what was read (`onImagesRefreshed`), so one read serves them all.
 */
export async function refreshImages(
  qc: QueryClient,
  ids: readonly string[],
  db: DBProvider = defaultDB,
): Promise<Map<string, ImageRecord | null>> {
  if (ids.length === 0) return new Map()
  const changes = await readRecords(db, ids)
  for (const [id, record] of changes) {
    qc.setQueryData(imageKeys.record(id), record)
    if (record) {
      void qc.invalidateQueries({ queryKey: imageKeys.bytes(id) })
      void qc.invalidateQueries({ queryKey: imageKeys.thumb(id) })
    } else {
      qc.setQueryData(imageKeys.bytes(id), null)
      qc.setQueryData(imageKeys.thumb(id), null)
    }
  }
  void qc.invalidateQueries({ queryKey: imageKeys.allChildren() })
  for (const listener of refreshedListeners) listener(qc, changes)
  return changes
}

/**
 * Resolves once the image is in IndexedDB. A result goes on the stage from its bytes while it is
 * still being kept (a few hundred ms); what acts on the stored image (favourite, download,
 * delete) waits for it here instead of finding nothing.
 */
export function whenKept(id: string, timeoutMs = 15_000, db: DBProvider = defaultDB): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error) => {
      clearTimeout(timer)
      stop()
      if (error) reject(error)
      else resolve()
    }
    // Listening first, so a keep that lands during the read below is not missed.
    const stop = onImagesRefreshed((_, changes) => {
      if (changes.get(id)) done()
    })
    const timer = setTimeout(() => done(new Error(t`The image is still being saved; try again in a moment.`)), timeoutMs)
    readRecords(db, [id]).then(
      (found) => found.get(id) && done(),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    )
  })
}

/** Mounted once at the app's root: every image change, from any tab, reaches every view. */
export function useImageDataSync() {
  const qc = useQueryClient()
  useEffect(
    () =>
      listen((event) => {
        if (event.type === 'images-changed') void refreshImages(qc, event.ids)
      }),
    [qc],
  )
}
