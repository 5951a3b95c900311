// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { RateLimiter } from './rate-limiter.ts'

describe('RateLimiter (sliding one-second window per key)', () => {
  it('allows perSecond submissions in any second, then refuses until the oldest leaves the window', () => {
    const rl = new RateLimiter()
    expect(rl.allows('k', 0, 2)).toBe(true)
    rl.record('k', 0)
    rl.record('k', 600)
    expect(rl.allows('k', 999, 2)).toBe(false)
    expect(rl.allows('k', 1000, 2)).toBe(true) // the one at 0 left the window
    rl.record('k', 1000)
    expect(rl.allows('k', 1599, 2)).toBe(false)
    expect(rl.allows('k', 1600, 2)).toBe(true)
  })

  it('keeps keys apart and only counts what is recorded', () => {
    const rl = new RateLimiter()
    rl.record('a', 0)
    rl.record('a', 1)
    expect(rl.allows('a', 2, 2)).toBe(false)
    expect(rl.allows('b', 2, 2)).toBe(true)
    expect(rl.allows('a', 2, 3)).toBe(true)
    expect(rl.allows('a', 2, 0)).toBe(false)
  })

  it('sweep and clear forget windows', () => {
    const rl = new RateLimiter()
    rl.record('a', 0)
    rl.record('a', 1)
    rl.sweep(5000)
    expect(rl.allows('a', 5000, 1)).toBe(true)
    rl.record('b', 0)
    rl.clear()
    expect(rl.allows('b', 0, 1)).toBe(true)
  })
})
