// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { deferredLineLog, LINE_BATCH_MS } from './line-log.ts'

describe('deferredLineLog', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('writes the lines of one batch together, in order, LINE_BATCH_MS after the first', () => {
    const writes: string[] = []
    const { log } = deferredLineLog((text) => writes.push(text))
    log('GET /api/health 200 0ms')
    vi.advanceTimersByTime(LINE_BATCH_MS - 1)
    log('POST /api/v1/x 413 1ms')
    expect(writes).toEqual([])
    vi.advanceTimersByTime(1)
    expect(writes).toEqual(['GET /api/health 200 0ms\nPOST /api/v1/x 413 1ms\n'])
    log('third')
    vi.advanceTimersByTime(LINE_BATCH_MS)
    expect(writes).toEqual(['GET /api/health 200 0ms\nPOST /api/v1/x 413 1ms\n', 'third\n'])
  })

  it('flush writes what is pending at once (at exit), and nothing twice', () => {
    const writes: string[] = []
    const { log, flush } = deferredLineLog((text) => writes.push(text))
    log('SIGTERM: stopping the studio')
    flush()
    expect(writes).toEqual(['SIGTERM: stopping the studio\n'])
    vi.advanceTimersByTime(LINE_BATCH_MS)
    flush()
    expect(writes).toHaveLength(1)
  })
})
