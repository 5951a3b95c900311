// @vitest-environment node
import { describe, expect, it, vi } from 'vitest'
import { Timers } from './timers.ts'

describe('Timers', () => {
  it('runs and cancels timeouts', async () => {
    const timers = new Timers()
    const ran = vi.fn()
    const skipped = vi.fn()
    timers.after(1, ran)
    timers.after(1, skipped)()
    await new Promise((r) => setTimeout(r, 20))
    expect(ran).toHaveBeenCalledOnce()
    expect(skipped).not.toHaveBeenCalled()
  })

  it('close() clears timers, wakes sleepers at once and schedules nothing afterwards', async () => {
    const timers = new Timers()
    const fn = vi.fn()
    timers.after(10, fn)
    const started = Date.now()
    const sleeping = timers.sleep(60_000)
    timers.close()
    await sleeping
    expect(Date.now() - started).toBeLessThan(1000)
    timers.after(1, fn)
    await timers.sleep(60_000)
    await new Promise((r) => setTimeout(r, 20))
    expect(fn).not.toHaveBeenCalled()
    expect(timers.closed).toBe(true)
  })
})
