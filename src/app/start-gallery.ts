/**
 * Imported first by main.tsx, so that it runs before React and the rest of the studio are even
 * evaluated: the gallery's code and first screen start loading (load-gallery.ts) a few tens of
 * milliseconds earlier, and IndexedDB opens while the main thread is still busy starting up.
 */
import { loadGallery } from './load-gallery.ts'

void loadGallery()
