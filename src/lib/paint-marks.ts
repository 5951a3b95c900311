/**
 * Performance marks the benchmarks read (bench/result-to-kept.ts): `qis:<what>:<image id>` in the
 * frame after an image first decodes in that place, once per image.
 */
const marked = new Set<string>()

export function markFirstPaint(what: 'painted' | 'staged', id: string) {
  const name = `qis:${what}:${id}`
  if (marked.has(name)) return
  marked.add(name)
  requestAnimationFrame(() => performance.mark(name))
}
