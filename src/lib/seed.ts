import { LIMITS } from '../shared/limits.ts'

/** A uniformly random seed in the vendor's range. */
export function randomSeed(): number {
  const range = LIMITS.seedMax - LIMITS.seedMin + 1
  const buf = new Uint32Array(1)
  crypto.getRandomValues(buf)
  return LIMITS.seedMin + (buf[0]! % range)
}

export type SeedCheck = { ok: true; value: number } | { ok: false; error: string }

/** The seed field's text, judged: a whole number in [0, 2147483647]. */
export function checkSeed(text: string): SeedCheck {
  const t = text.trim()
  if (t === '') return { ok: false, error: 'Enter a seed, or unlock it to use a new random seed each time.' }
  if (!/^\d+$/.test(t)) return { ok: false, error: `Seed must be a whole number from ${LIMITS.seedMin} to ${LIMITS.seedMax}.` }
  const value = Number(t)
  if (value > LIMITS.seedMax) return { ok: false, error: `Seed must be at most ${LIMITS.seedMax}.` }
  return { ok: true, value }
}

/** Seed number `i` of a sweep starting at `base`, wrapping within the range. */
export function sweepSeed(base: number, i: number): number {
  const range = LIMITS.seedMax - LIMITS.seedMin + 1
  return LIMITS.seedMin + ((base - LIMITS.seedMin + i) % range)
}
