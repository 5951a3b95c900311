/**
 * Keeps this tab's gallery queries in step with IndexedDB: on 'images-changed' (from this tab or
 * another one, over BroadcastChannel) the changed records are read and patched into the catalog,
 * their cached blobs refreshed, the counts and storage estimate invalidated.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { listen } from '../../../lib/image-store.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { patchCatalog, type CatalogData } from './catalog-order.ts'
import { defaultDB, readRecords, type DBProvider } from './gallery-repo.ts'
import { galleryKeys } from './gallery-keys.ts'

export async function applyImageChanges(qc: QueryClient, ids: readonly string[], db: DBProvider = defaultDB): Promise<void> {
  if (ids.length === 0) return
  const changes = await readRecords(db, ids)
  qc.setQueryData<CatalogData>(galleryKeys.catalog(), (data) => (data ? patchCatalog(data, changes) : data))
  for (const [id, record] of changes) {
    qc.setQueryData(galleryKeys.record(id), record)
    if (record) {
      void qc.invalidateQueries({ queryKey: galleryKeys.thumb(id) })
      void qc.invalidateQueries({ queryKey: galleryKeys.bytes(id) })
    } else {
      qc.removeQueries({ queryKey: galleryKeys.thumb(id) })
      qc.removeQueries({ queryKey: galleryKeys.bytes(id) })
    }
  }
  const gone = [...changes].filter(([, r]) => !r).map(([id]) => id)
  if (gone.length) useGalleryStore.getState().forget(gone)
  void qc.invalidateQueries({ queryKey: galleryKeys.counts() })
  void qc.invalidateQueries({ queryKey: galleryKeys.storage() })
}

export interface GallerySyncHandlers {
  onStorageFull?: (message: string) => void
}

export function useGallerySync({ onStorageFull }: GallerySyncHandlers = {}) {
  const qc = useQueryClient()
  useEffect(
    () =>
      listen((event) => {
        if (event.type === 'images-changed') void applyImageChanges(qc, event.ids)
        else if (event.type === 'storage-full') onStorageFull?.(event.message)
      }),
    [qc, onStorageFull],
  )
}
