/**
 * Keeps this tab's gallery lists in step with IndexedDB. On 'images-changed' (from this tab or
 * another one, over the studio bus) the app's one listener refreshes the image data of every view
 * (lib/image-data.ts); each refresh's records are then patched into the catalog, and the counts and
 * storage estimate invalidated, from that same read.
 */
import type { QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { onImagesRefreshed, refreshImages } from '../../../lib/image-data.ts'
import type { ImageRecord } from '../../../lib/records.ts'
import { listen } from '../../../lib/studio-bus.ts'
import { useGalleryStore } from '../gallery-store.ts'
import { patchCatalog, type CatalogData } from './catalog-order.ts'
import { defaultDB, type DBProvider } from './gallery-repo.ts'
import { galleryKeys } from './gallery-keys.ts'

function patchGallery(qc: QueryClient, changes: ReadonlyMap<string, ImageRecord | null>) {
  qc.setQueryData<CatalogData>(galleryKeys.catalog(), (data) => (data ? patchCatalog(data, changes) : data))
  const gone = [...changes].filter(([, r]) => !r).map(([id]) => id)
  if (gone.length) useGalleryStore.getState().forget(gone)
  void qc.invalidateQueries({ queryKey: galleryKeys.counts() })
  void qc.invalidateQueries({ queryKey: galleryKeys.storage() })
}
onImagesRefreshed(patchGallery)

/** After this tab's own write: the views and the gallery's lists are up to date when it resolves. */
export async function applyImageChanges(qc: QueryClient, ids: readonly string[], db: DBProvider = defaultDB): Promise<void> {
  await refreshImages(qc, ids, db)
}

export interface GallerySyncHandlers {
  onStorageFull?: (message: string) => void
}

/** The gallery hears of a full storage (its lists follow image changes through `onImagesRefreshed`). */
export function useGallerySync({ onStorageFull }: GallerySyncHandlers = {}) {
  useEffect(
    () =>
      listen((event) => {
        if (event.type === 'storage-full') onStorageFull?.(event.message)
      }),
    [onStorageFull],
  )
}
