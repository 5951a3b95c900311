import type { ReactNode } from 'react'
import type { GalleryPanelProps } from '../features/gallery/components/gallery-panel.tsx'
import { loadGallery } from './load-gallery.ts'
import { useLoaded } from './use-loaded.ts'

/**
 * The gallery panel, once its code and first screen have loaded (load-gallery.ts): useLoaded, not
 * React.lazy (see there). A component of its own, so that the arrival re-renders this slot only.
 */
export function GallerySlot({ fallback, ...props }: GalleryPanelProps & { fallback: ReactNode }) {
  const GalleryPanel = useLoaded(loadGallery())
  return GalleryPanel ? <GalleryPanel {...props} /> : fallback
}
