/**
 * The studio's bus between tabs (and between parts of one tab): every write to IndexedDB is
 * announced here, and every view that shows stored data listens, so no tab shows a stale image.
 */
const CHANNEL = 'qwen-image-studio'

export type StudioEvent =
  | { type: 'images-changed'; ids: string[] }
  | { type: 'jobs-changed'; ids: string[] }
  /** A write was refused because the browser's storage for the studio is full. */
  | { type: 'storage-full'; message: string }

export function broadcast(event: StudioEvent) {
  if (typeof BroadcastChannel === 'undefined') return
  const ch = new BroadcastChannel(CHANNEL)
  ch.postMessage(event)
  ch.close()
}

/** Every BroadcastChannel of the studio's origin hears it, including others in this tab. */
export function listen(handler: (event: StudioEvent) => void): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {}
  const ch = new BroadcastChannel(CHANNEL)
  ch.onmessage = (e: MessageEvent<StudioEvent>) => handler(e.data)
  return () => ch.close()
}
