import { describe, expect, it } from 'vitest'
import { MIN_POLL_GAP_MS, POLL_MARGIN_MS, requestBudget } from '../../shared/task-polling.ts'
import { createPrng } from '../../simulator/prng.ts'
import { DurationBook, nextPollAt, taskKind, vendorTimes } from './poll-schedule.ts'

/**
 * A task submitted at 0 (answered at once) that waits `queueMs` for a slot and runs `runMs`,
 * polled by the schedule: the requests it costs (submission included) and how late its finish is seen.
 */
function simulate(queueMs: number, runMs: number, runs: readonly number[]) {
  const end = queueMs + runMs
  let lastAt = 0
  let scheduledAt: number | undefined
  let requests = 1
  for (;;) {
    const at = nextPollAt({ now: lastAt, lastAt, scheduledAt, runs })
    expect(at - lastAt).toBeGreaterThanOrEqual(MIN_POLL_GAP_MS)
    lastAt = at
    requests++
    if (at >= end) return { requests, wait: at - end }
    if (at >= queueMs) scheduledAt = queueMs
  }
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b)

describe('nextPollAt', () => {
  it('polls every second before anything is learned: never more than a second late', () => {
    for (const [queue, run] of [
      [400, 4600],
      [12_345, 7_000],
      [0, 39_999],
    ] as const) {
      const { requests, wait } = simulate(queue, run, [])
      expect(wait).toBeLessThan(MIN_POLL_GAP_MS)
      expect(requests).toBeLessThanOrEqual(requestBudget(queue + run))
    }
  })

  it('once run times are learned, sees a finish within the learned spread, at most one request a second, within the budget', () => {
    const prng = createPrng(19)
    const random = () => prng.next()
    const runs = sorted(Array.from({ length: 20 }, () => 6000 + random() * 200))
    const waits: number[] = []
    for (let i = 0; i < 200; i++) {
      const queue = 1000 + random() * 34_000
      const run = 6000 + random() * 200
      const { requests, wait } = simulate(queue, run, runs)
      expect(requests).toBeLessThanOrEqual(requestBudget(queue + run))
      waits.push(wait)
    }
    // most finishes are seen within the learned spread (200 ms) plus the margin, none a second late
    expect(sorted(waits)[Math.floor(waits.length * 0.75)]).toBeLessThanOrEqual(200 + POLL_MARGIN_MS)
    expect(Math.max(...waits)).toBeLessThan(MIN_POLL_GAP_MS)
  })

  it('a task that ends sooner than any learned one is still seen within half of what was left, or a second', () => {
    const runs = [20_000, 20_100, 20_200]
    // seen running at 1 s (since 0.5 s): looked at again about halfway to the likeliest end (~20.8 s), not at it
    expect(nextPollAt({ now: 1000, lastAt: 1000, scheduledAt: 500, runs })).toBeLessThanOrEqual(1000 + (21_000 - 1000) / 2)
    const { wait, requests } = simulate(500, 9_000, runs)
    expect(wait).toBeLessThanOrEqual(Math.max(MIN_POLL_GAP_MS, (20_000 - 9_000) / 2))
    expect(requests).toBeLessThanOrEqual(requestBudget(9_500))
  })

  it('a task slower than every learned one is polled every second after the last learned finish', () => {
    const { wait, requests } = simulate(300, 30_000, [8_000, 8_100])
    expect(wait).toBeLessThan(MIN_POLL_GAP_MS)
    expect(requests).toBeLessThanOrEqual(requestBudget(30_300))
  })

  it('places the next poll where the mean wait from the learned finishes is shortest', () => {
    // running since 10 s: learned finishes at 15.0-15.9 s, polls a second apart from the one chosen
    const runs = [5000, 5300, 5600, 5800, 5850, 5900]
    const ends = [...runs, 5900 + (2 * 900) / 5].map((r) => 10_000 + r)
    const meanWait = (first: number) =>
      ends.reduce((sum, e) => sum + (e <= first ? first - e : Math.ceil((e - first) / 1000) * 1000 + first - e), 0) / ends.length
    const at = nextPollAt({ now: 14_500, lastAt: 14_000, scheduledAt: 10_000, runs })
    // (aimed the margin after a finish)
    for (let t = 15_000; t < 17_000; t += 5) expect(meanWait(at)).toBeLessThanOrEqual(meanWait(t) + POLL_MARGIN_MS + 1e-9)
    // finishes bunched at 15.8-15.9 s: after the last of them, by twice their mean gap (one may come a little later)
    expect(nextPollAt({ now: 14_500, lastAt: 14_000, scheduledAt: 10_000, runs: [5800, 5850, 5900] })).toBe(16_000 + POLL_MARGIN_MS)
  })

  it('with few runs learned, a run a little longer than all of them is still seen the same second', () => {
    // runs of 4.9-5.0 s (the bench's spread): learned from the first few finishes, the next ones
    // often outlast them all by a few ms, which at the bare longest (or 2%) cost a whole second
    const prng = createPrng(7)
    const run = () => 4900 + prng.next() * 100
    let late = 0
    for (let trial = 0; trial < 200; trial++) {
      const learned: number[] = []
      for (let n = 0; n < 6; n++) {
        const next = run()
        if (learned.length > 0 && simulate(2_000 + prng.next() * 20_000, next, sorted(learned)).wait >= MIN_POLL_GAP_MS / 2) late++
        learned.push(next)
      }
    }
    // 5 tasks a trial seen with 1-5 runs learned: fewer than 3% of them half a second late or more
    expect(late / (200 * 5)).toBeLessThan(0.03)
  })
})

describe('DurationBook', () => {
  it('learns run times per kind, the newest 20, from the vendor’s timestamps', () => {
    const book = new DurationBook()
    const kind = taskKind({ model: 'qwen-image-plus', input: { prompt: 'x' }, parameters: { size: '1328*1328' } })
    expect(kind).toBe('qwen-image-plus|1328*1328|extend')
    const t = vendorTimes({
      submit_time: '2026-12-05 18:00:00.000',
      scheduled_time: '2026-12-05 18:00:02.500',
      end_time: '2026-12-05 18:00:09.750',
    })
    expect(t.end! - t.scheduled!).toBe(7250)
    book.learn(kind, t)
    for (let i = 0; i < 25; i++) book.learn(kind, { scheduled: 0, end: 1000 + i })
    expect(book.runs(kind)).toHaveLength(20)
    expect(book.runs(kind)[0]).toBe(1005)
    expect(book.runs('qwen-image|1328*1328|extend')).toEqual([])
  })

  it('takes the vendor’s clock offset from submissions as the median of the measured ones', () => {
    const book = new DurationBook()
    expect(book.offset()).toBe(0)
    book.learnOffset(10_050, 10_000, 10_020)
    book.learnOffset(20_040, 20_000, 20_020)
    book.learnOffset(99_999, 30_000, 30_020)
    expect(book.offset()).toBe(40)
  })
})
