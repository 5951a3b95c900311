import { describe, expect, it } from 'vitest'
import type { JobRecord } from '../../lib/records.ts'
import { orderSeedSweepsByText } from './text-accuracy-order.ts'

const job = (id: string, batchId?: string, batchLabel?: string) => ({ id, batchId, batchLabel }) as JobRecord

describe('orderSeedSweepsByText', () => {
  it('puts a seed sweep best text first, within its place in the list; unchecked last; others untouched', () => {
    const jobs = [
      job('x'),
      job('a', 'b1', 'seed 1'),
      job('b', 'b1', 'seed 2'),
      job('c', 'b1', 'seed 3'),
      job('d', 'b1', 'seed 4'),
      job('y'),
    ]
    const accuracy: Record<string, number | undefined> = { a: 0.8, b: undefined, c: 1, d: 0.9 }
    expect(orderSeedSweepsByText(jobs, (j) => accuracy[j.id]).map((j) => j.id)).toEqual(['x', 'c', 'd', 'a', 'b', 'y'])
  })
  it('leaves other batches (extend on/off, all sizes) in their order', () => {
    const jobs = [job('a', 'b2', 'extend on'), job('b', 'b2', 'extend off')]
    expect(orderSeedSweepsByText(jobs, (j) => (j.id === 'b' ? 1 : 0)).map((j) => j.id)).toEqual(['a', 'b'])
  })
})
