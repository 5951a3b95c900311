import { describe, expect, it } from 'vitest'
import { projectedOrder, queueViewFor, type Waiting } from './fair-order.ts'

const job = (submitter: string, seq: number): Waiting => ({
  id: `${submitter}${seq}`,
  submitter,
  seq,
  model: 'qwen-image-plus',
  sync: false,
  notBefore: 0,
})

describe('fair order', () => {
  it('takes turns between people: a 40-image batch does not block one image', () => {
    const waiting = [...Array.from({ length: 40 }, (_, i) => job('a', i + 1)), job('b', 41)]
    // a was served last: b goes first
    expect(
      projectedOrder(waiting, new Map([['a', 3]]))
        .slice(0, 3)
        .map((w) => w.id),
    ).toEqual(['b41', 'a1', 'a2'])
    // nobody served yet: oldest first, then alternate
    const mixed = [job('a', 1), job('a', 2), job('a', 3), job('b', 4), job('b', 5)]
    expect(projectedOrder(mixed, new Map()).map((w) => w.id)).toEqual(['a1', 'b4', 'a2', 'b5', 'a3'])
  })
  it('tells each person how many are ahead of each of their jobs, theirs and others', () => {
    const order = projectedOrder([job('a', 1), job('a', 2), job('b', 3)], new Map())
    const view = queueViewFor('a', order, [{ submitter: 'c' }])
    expect(view).toEqual({ running: 1, queued: 3, people: 3, ahead: { a1: { mine: 0, others: 0 }, a2: { mine: 1, others: 1 } } })
  })
})
