import { t } from '@lingui/core/macro'
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
  if (text.trim() === '') return { ok: false, error: t`Enter a seed, or unlock it to use a new random seed each time.` }
  const { seedMin, seedMax } = LIMITS
  if (!/^\d+$/.test(text.trim())) return { ok: false, error: t`Seed must be a whole number from ${seedMin} to ${seedMax}.` }
  const value = Number(text.trim())
  if (value > seedMax) return { ok: false, error: t`Seed must be at most ${seedMax}.` }
  return { ok: true, value }
}

/** Seed number `i` of a sweep starting at `base`, wrapping within the range. */
export function sweepSeed(base: number, i: number): number {
  const range = LIMITS.seedMax - LIMITS.seedMin + 1
  return LIMITS.seedMin + ((base - LIMITS.seedMin + i) % range)
}
