/**
 * Reading the gallery before React renders it: the first page of the catalog and the thumbnails
 * of its first cells, as data: URLs. The app starts it with the studio (app/load-gallery.ts), so
 * the reads run while the studio's code loads and renders; GalleryPanel calls it too (it does
 * nothing twice). What was read is used once: as initialData when it is ready by the time the
 * gallery's queries start (the first render of the grid then has its thumbnails), else by their
 * queryFn. When images change in between, it is dropped and read again.
 */
import { FIRST_SCREEN } from '../../../lib/first-read.ts'
import { listen } from '../../../lib/studio-bus.ts'
import { thumbDataUrl } from '../../../lib/thumb-rows.ts'
import { readFirstScreen, type CatalogPage } from './catalog-pages.ts'
import { defaultDB, type DBProvider } from './gallery-repo.ts'

/** The first page: enough for the first screen of cells on a large display. */
export const FIRST_PAGE = FIRST_SCREEN.records
/** Thumbnails read ahead, newest first, with the page: about a first screen of cells. */
const FIRST_THUMBS = FIRST_SCREEN.thumbs
/** Prefetched results older than this are not trusted. */
const FRESH_MS = 5000

/** A read ahead: its promise, and its value once it has settled. */
interface Ahead<T> {
  promise: Promise<T>
  ready?: { value: T }
}

function ahead<T>(promise: Promise<T>): Ahead<T> {
  const a: Ahead<T> = { promise }
  promise.then(
    (value) => (a.ready = { value }),
    () => {},
  )
  return a
}

interface Warm {
  at: number
  page: Ahead<CatalogPage> | undefined
  /** A thumbnail's data: URL, null when it has none, undefined when it could not be read ahead. */
  thumbs: Map<string, Ahead<string | null | undefined>>
  stop: () => void
}

let warm: Warm | undefined
let started: Promise<void> | undefined

function drop() {
  warm?.stop()
  warm = undefined
}

/**
 * Starts the reads (once). The promise resolves when the page and its thumbnails have been read,
 * or could not be, or after `waitMs`: whatever is not ready by then is left to the queries.
 */
export function prefetchGallery(db: DBProvider = defaultDB, waitMs = 1000): Promise<void> {
  if (started) return started
  if (typeof indexedDB === 'undefined') return (started = Promise.resolve())
  const thumbs = new Map<string, Ahead<string | null | undefined>>()
  const first = readFirstScreen(db, FIRST_PAGE, FIRST_THUMBS)
  const page = first.then((f) => {
    for (const [id, row] of f.thumbs) thumbs.set(id, ahead(row.then((r) => (r ? thumbDataUrl(r) : r)).catch(() => undefined)))
    return f.page
  })
  page.catch(() => drop())
  warm = { at: Date.now(), page: ahead(page), thumbs, stop: listen((e) => e.type === 'images-changed' && drop()) }
  const read = page.then(
    () => Promise.all([...thumbs.values()].map((t) => t.promise)).then(() => {}),
    () => {},
  )
  started = Promise.race([read, new Promise<void>((resolve) => setTimeout(resolve, waitMs))])
  return started
}

/** The prefetch, when there is one and it is fresh enough to use. */
function fresh(): Warm | undefined {
  if (warm && Date.now() - warm.at > FRESH_MS) drop()
  return warm
}

/** The prefetched first page, once, if `usable`; the thumbnails stay a moment longer, for the cells about to mount. */
function takePage(usable: (page: Ahead<CatalogPage>) => boolean): Ahead<CatalogPage> | undefined {
  const w = fresh()
  const page = w?.page
  if (!w || !page || !usable(page)) return undefined
  w.page = undefined
  setTimeout(() => warm === w && drop(), FRESH_MS)
  return page
}

/** The prefetched first page, once; undefined when there is none (or it is stale). */
export function takePrefetchedPage(): Promise<CatalogPage> | undefined {
  return takePage(() => true)?.promise
}

/** The prefetched first page if it has been read already, once (for the catalog's initialData). */
export function takeReadyPage(): CatalogPage | undefined {
  return takePage((p) => !!p.ready)?.ready?.value
}

function takeThumb(id: string, usable: (thumb: Ahead<string | null | undefined>) => boolean) {
  const w = fresh()
  const thumb = w?.thumbs.get(id)
  if (!w || !thumb || !usable(thumb)) return undefined
  w.thumbs.delete(id)
  return thumb
}

/** A prefetched thumbnail's data: URL, once (undefined inside: it could not be read ahead). */
export function takePrefetchedThumb(id: string): Promise<string | null | undefined> | undefined {
  return takeThumb(id, () => true)?.promise
}

/** A prefetched thumbnail's data: URL (null: none stored) if it has been read already, once. */
export function takeReadyThumb(id: string): string | null | undefined {
  return takeThumb(id, (t) => !!t.ready)?.ready?.value
}

/** For tests: forget what was prefetched and allow another prefetch. */
export function resetPrefetchForTests() {
  drop()
  started = undefined
}
