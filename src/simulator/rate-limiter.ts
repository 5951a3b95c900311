/**
 * Task submissions a second, per API key, over a sliding one-second window. Only accepted
 * submissions are recorded, so a refused (throttled) request never counts against the key.
 */
const WINDOW_MS = 1000

export class RateLimiter {
  #windows = new Map<string, number[]>()

  /** Whether `key` may submit at `now` given `perSecond`; does not record anything. */
  allows(key: string, now: number, perSecond: number): boolean {
    return this.#recent(key, now).length < perSecond
  }

  record(key: string, now: number): void {
    const recent = this.#recent(key, now)
    recent.push(now)
    this.#windows.set(key, recent)
  }

  /** Drops windows with nothing left in them (keeps memory bounded by active keys). */
  sweep(now: number): void {
    for (const key of [...this.#windows.keys()]) if (this.#recent(key, now).length === 0) this.#windows.delete(key)
  }

  clear(): void {
    this.#windows.clear()
  }

  #recent(key: string, now: number): number[] {
    const all = this.#windows.get(key) ?? []
    const recent = all.filter((t) => now - t < WINDOW_MS && t <= now)
    if (recent.length !== all.length) this.#windows.set(key, recent)
    return recent
  }
}
