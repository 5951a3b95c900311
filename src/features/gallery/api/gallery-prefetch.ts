/**
 * Reading the gallery before React renders it: the first page of the catalog and the thumbnails
 * of its first cells. The app can call prefetchGallery() at start-up (main.tsx), before the rest of
 * the studio queues its own IndexedDB reads; GalleryPanel calls it too (it does nothing twice).
 * What was read is used once, by the first catalog query and the first thumbnail queries, unless
 * images changed in between (then it is dropped and read again).
 */
import { listen } from '../../../lib/image-store.ts'
import { readFirstScreen, type CatalogPage } from './catalog-pages.ts'
import { defaultDB, type DBProvider } from './gallery-repo.ts'

/** The first page: enough for the first screen of cells on a large display. */
export const FIRST_PAGE = 120
/** Thumbnails read ahead: about a first screen of cells (more would queue behind each other). */
const FIRST_THUMBS = 24
/** Prefetched results older than this are not trusted. */
const FRESH_MS = 5000

interface Warm {
  at: number
  page: Promise<CatalogPage> | undefined
  thumbs: Map<string, Promise<Blob | null | undefined>>
  stop: () => void
}

let warm: Warm | undefined
let started = false

function drop() {
  warm?.stop()
  warm = undefined
}

export function prefetchGallery(db: DBProvider = defaultDB) {
  if (started || typeof indexedDB === 'undefined') return
  started = true
  const thumbs = new Map<string, Promise<Blob | null | undefined>>()
  const first = readFirstScreen(db, FIRST_PAGE, FIRST_THUMBS)
  const page = first.then((f) => {
    for (const [id, blob] of f.thumbs) thumbs.set(id, blob)
    return f.page
  })
  page.catch(() => drop())
  warm = { at: Date.now(), page, thumbs, stop: listen((e) => e.type === 'images-changed' && drop()) }
}

/** The prefetched first page, once; undefined when there is none (or it is stale). */
export function takePrefetchedPage(): Promise<CatalogPage> | undefined {
  const w = warm
  if (!w?.page) return undefined
  if (Date.now() - w.at > FRESH_MS) {
    drop()
    return undefined
  }
  const page = w.page
  // The thumbnails stay available a moment longer, for the cells about to mount.
  w.page = undefined
  setTimeout(() => warm === w && drop(), FRESH_MS)
  return page
}

/** A prefetched thumbnail, once (undefined inside: it could not be read ahead). */
export function takePrefetchedThumb(id: string): Promise<Blob | null | undefined> | undefined {
  const t = warm?.thumbs.get(id)
  if (t) warm?.thumbs.delete(id)
  return t
}

/** For tests: forget what was prefetched and allow another prefetch. */
export function resetPrefetchForTests() {
  drop()
  started = false
}
