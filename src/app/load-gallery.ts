/**
 * The gallery's code (its own chunk) and its first screen (records and the first thumbnails, read
 * from IndexedDB) load together, while the rest of the studio starts; the panel is rendered once
 * both are there, in one pass with its thumbnails. Started by start-gallery.ts, before React.
 */
import { prefetchGallery } from '../features/gallery/api/gallery-prefetch.ts'
import type { GalleryPanel } from '../features/gallery/components/gallery-panel.tsx'

let loading: Promise<typeof GalleryPanel> | undefined

export function loadGallery(): Promise<typeof GalleryPanel> {
  loading ??= Promise.all([import('../features/gallery/components/gallery-panel.tsx'), prefetchGallery()]).then(([m]) => m.GalleryPanel)
  return loading
}
