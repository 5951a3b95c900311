/**
 * The simulator's timers in one place, so close() can clear them all. Background timers never
 * keep the process alive (unref); a sleep (a request waiting out its latency) does, and sleeps
 * still pending at close() resolve at once.
 */
export class Timers {
  #timeouts = new Set<ReturnType<typeof setTimeout>>()
  #intervals = new Set<ReturnType<typeof setInterval>>()
  #sleepers = new Set<() => void>()
  #closed = false

  /** Runs `fn` after `ms` (in the background: unref'd); returns a cancel function. Does nothing once closed. */
  after(ms: number, fn: () => void, { background = true } = {}): () => void {
    if (this.#closed) return () => {}
    const handle = setTimeout(() => {
      this.#timeouts.delete(handle)
      fn()
    }, ms)
    if (background) handle.unref?.()
    this.#timeouts.add(handle)
    return () => {
      clearTimeout(handle)
      this.#timeouts.delete(handle)
    }
  }

  every(ms: number, fn: () => void): void {
    if (this.#closed) return
    const handle = setInterval(fn, ms)
    handle.unref?.()
    this.#intervals.add(handle)
  }

  /** Resolves after `ms` (or at once when `ms` <= 0 or the timers are closed). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.#closed) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => {
        this.#sleepers.delete(wake)
        cancel()
        resolve()
      }
      const cancel = this.after(ms, wake, { background: false })
      this.#sleepers.add(wake)
    })
  }

  /** Clears every timer and interval and wakes every sleeper; later calls schedule nothing. */
  close(): void {
    this.#closed = true
    this.clear()
    for (const h of this.#intervals) clearInterval(h)
    this.#intervals.clear()
  }

  /** Clears pending timeouts and wakes every sleeper (intervals keep running). */
  clear(): void {
    for (const h of this.#timeouts) clearTimeout(h)
    this.#timeouts.clear()
    for (const wake of [...this.#sleepers]) wake()
  }

  get closed(): boolean {
    return this.#closed
  }
}
