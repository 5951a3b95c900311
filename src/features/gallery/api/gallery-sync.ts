/**
 * Keeps this tab's gallery lists in step with IndexedDB: on 'images-changed' (from this tab or
 * another one, over the studio bus) the image data of every view is refreshed (lib/image-data.ts),
 * the changed records are patched into the catalog, the counts and storage estimate invalidated.
 */
import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { refreshImages } from '../../../lib/image-data.ts'
import { listen } from '../../../lib/studio-bus.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { patchCatalog, type CatalogData } from './catalog-order.ts'
import { defaultDB, type DBProvider } from './gallery-repo.ts'
import { galleryKeys } from './gallery-keys.ts'

export async function applyImageChanges(qc: QueryClient, ids: readonly string[], db: DBProvider = defaultDB): Promise<void> {
  if (ids.length === 0) return
  const changes = await refreshImages(qc, ids, db)
  qc.setQueryData<CatalogData>(galleryKeys.catalog(), (data) => (data ? patchCatalog(data, changes) : data))
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
