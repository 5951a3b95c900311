/**
 * Submissions per key over a sliding window (one second unless given: the per-model limits use
 * a minute). Only accepted submissions are recorded, so a refused (throttled) request never
 * counts against the key.
 */
const WINDOW_MS = 1000

export class RateLimiter {
  #windows = new Map<string, number[]>()

  /** Whether `key` may submit at `now` given `perSecond`; does not record anything. */
  allows(key: string, now: number, perWindow: number, windowMs = WINDOW_MS): boolean {
    return this.#recent(key, now, windowMs).length < perWindow
  }

  /** When `key` may submit again (ms from `now`); 0 when it may now. */
  waitMs(key: string, now: number, perWindow: number, windowMs = WINDOW_MS): number {
    const recent = this.#recent(key, now, windowMs)
    return recent.length < perWindow ? 0 : recent[recent.length - perWindow]! + windowMs - now
  }

  record(key: string, now: number, windowMs = WINDOW_MS): void {
    const recent = this.#recent(key, now, windowMs)
    recent.push(now)
    this.#windows.set(key, recent)
  }

  /** Drops windows with nothing left in them (keeps memory bounded by active keys). */
  sweep(now: number, windowMs = WINDOW_MS): void {
    for (const key of [...this.#windows.keys()]) if (this.#recent(key, now, windowMs).length === 0) this.#windows.delete(key)
  }

  clear(): void {
    this.#windows.clear()
  }

  #recent(key: string, now: number, windowMs: number): number[] {
    const all = this.#windows.get(key) ?? []
    const recent = all.filter((t) => now - t < windowMs && t <= now)
    if (recent.length !== all.length) this.#windows.set(key, recent)
    return recent
  }
}
