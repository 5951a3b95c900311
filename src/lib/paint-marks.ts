/**
 * Performance marks the benchmarks read (bench/result-to-kept.ts): `qis:<what>:<image id>` in the
 * frame after an image first decodes in that place, once per image. `firstPaint` lets work that
 * would compete with that first decode (a thumbnail's own decode) wait for it.
 */
const marked = new Set<string>()
const painted = new Set<string>()
const waiting = new Map<string, (() => void)[]>()

export function markFirstPaint(what: 'painted' | 'staged', id: string) {
  const name = `qis:${what}:${id}`
  if (marked.has(name)) return
  marked.add(name)
  requestAnimationFrame(() => {
    performance.mark(name)
    painted.add(id)
    for (const wake of waiting.get(id) ?? []) wake()
    waiting.delete(id)
  })
}

/** Resolves once image `id` has first been painted somewhere, or after `timeoutMs` (it may not be on screen). */
export function firstPaint(id: string, timeoutMs: number): Promise<void> {
  if (painted.has(id)) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs)
    waiting.set(id, [
      ...(waiting.get(id) ?? []),
      () => {
        clearTimeout(timer)
        resolve()
      },
    ])
  })
}
