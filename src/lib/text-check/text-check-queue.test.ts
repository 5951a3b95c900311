import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DBProvider } from '../image-reads.ts'
import { checkImageTexts, holdTextChecks, textCheckProgress } from './text-check-queue.ts'

/** A database that is never there: each check that starts fails at once, and the queue goes on. */
const missing: DBProvider = () => Promise.reject(new Error('no database here'))
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('holdTextChecks', () => {
  afterEach(() => vi.restoreAllMocks())

  it('keeps the next check from starting until every hold is released', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const first = holdTextChecks()
    const second = holdTextChecks()
    checkImageTexts(['a', 'b'], missing)
    await settle()
    expect(textCheckProgress()).toEqual({ running: null, queued: ['a', 'b'] })
    first()
    first() // a release counts once
    await settle()
    expect(textCheckProgress().queued).toEqual(['a', 'b'])
    second()
    await vi.waitFor(() => expect(textCheckProgress()).toEqual({ running: null, queued: [] }))
    expect(console.warn).toHaveBeenCalledTimes(2)
  })
})
