/**
 * The first thumbnail on screen. Reading the rest of a large catalog waits for it (or a moment),
 * because the browser serves IndexedDB reads one after another: the first screen should not
 * queue behind 10,000 records. Also a performance mark for the benchmarks.
 */
let painted = false
let resolvePainted: () => void = () => {}
const firstThumbnail = new Promise<void>((resolve) => (resolvePainted = resolve))

export function thumbnailPainted() {
  if (painted) return
  painted = true
  if (typeof performance !== 'undefined') performance.mark('gallery:first-thumbnail')
  resolvePainted()
}

/** Resolves once a thumbnail has been painted, or after `timeoutMs`, whichever comes first. */
export function afterFirstThumbnail(timeoutMs: number): Promise<void> {
  return Promise.race([firstThumbnail, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))])
}
