// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { deferredLineLog } from './line-log.ts'

describe('deferredLineLog', () => {
  it('writes the lines of one turn together, in order, at the next turn', async () => {
    const writes: string[] = []
    const { log } = deferredLineLog((text) => writes.push(text))
    log('GET /api/health 200 0ms')
    log('POST /api/v1/x 413 1ms')
    expect(writes).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect(writes).toEqual(['GET /api/health 200 0ms\nPOST /api/v1/x 413 1ms\n'])
    log('third')
    await new Promise((r) => setImmediate(r))
    expect(writes).toEqual(['GET /api/health 200 0ms\nPOST /api/v1/x 413 1ms\n', 'third\n'])
  })

  it('flush writes what is pending at once (at exit), and nothing twice', async () => {
    const writes: string[] = []
    const { log, flush } = deferredLineLog((text) => writes.push(text))
    log('SIGTERM: stopping the studio')
    flush()
    expect(writes).toEqual(['SIGTERM: stopping the studio\n'])
    await new Promise((r) => setImmediate(r))
    flush()
    expect(writes).toHaveLength(1)
  })
})
