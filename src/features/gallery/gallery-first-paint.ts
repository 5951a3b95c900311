/**
 * The first thumbnail on screen, and the gallery's reads that wait for it. The browser serves a
 * page's IndexedDB reads one after another, and a reload has to wait for the reads the page it
 * replaces still had in flight: so the rest of a large catalog, the counts and the storage
 * estimate start a moment after the first screen is painted, never while it is being read. Also
 * a performance mark for the benchmarks.
 */
let painted = false
let resolvePainted: () => void = () => {}
const firstThumbnail = new Promise<void>((resolve) => (resolvePainted = resolve))

/** The longest the reads behind the first screen wait for its first thumbnail. */
const FIRST_PAINT_WAIT_MS = 1500
/** After the first thumbnail: the rest of the first screen's cells read theirs first. */
const SETTLE_MS = 400

export function thumbnailPainted() {
  if (painted) return
  painted = true
  if (typeof performance !== 'undefined') performance.mark('gallery:first-thumbnail')
  resolvePainted()
}

/** The catalog's first page has no image: there is no first thumbnail to wait for. */
export function nothingToPaint() {
  resolvePainted()
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

let settled: Promise<void> | undefined

/**
 * Resolves SETTLE_MS after the first thumbnail has been painted (or FIRST_PAINT_WAIT_MS went by
 * without one): when the reads that are not the first screen may start.
 */
export function afterFirstScreen(): Promise<void> {
  settled ??= Promise.race([firstThumbnail, delay(FIRST_PAINT_WAIT_MS)]).then(() => delay(SETTLE_MS))
  return settled
}
