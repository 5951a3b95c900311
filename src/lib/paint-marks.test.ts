import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { firstPaint, markFirstPaint } from './paint-marks.ts'

describe('firstPaint', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', (frame: () => void) => setTimeout(frame, 16))
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('resolves in the frame an image is first painted, and at once after that', async () => {
    let painted = false
    void firstPaint('img-1', 1000).then(() => (painted = true))
    markFirstPaint('painted', 'img-1')
    await vi.advanceTimersByTimeAsync(15)
    expect(painted).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(painted).toBe(true)
    await expect(firstPaint('img-1', 1000)).resolves.toBeUndefined()
  })

  it('resolves after its time for an image that is not painted', async () => {
    let waited = false
    void firstPaint('img-2', 500).then(() => (waited = true))
    await vi.advanceTimersByTimeAsync(499)
    expect(waited).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(waited).toBe(true)
  })
})
