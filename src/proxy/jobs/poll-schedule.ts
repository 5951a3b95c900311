/**
 * When to ask the vendor about an async task next (issue 19). The queue learns, per kind of task
 * (model, size, prompt extension), how long the vendor runs one (its scheduled_time -> end_time)
 * and how long it waits for a slot (submit_time -> scheduled_time). A running task's finish is
 * then its scheduled time plus a learned run time, and the next poll is placed just after the
 * likeliest finish, never less than a second after the last one (shared/task-polling.ts). Before
 * anything is learned a task is polled every second. Pure: times in, a time out; no timers here.
 */
import { LEARNED_SAMPLES, MIN_POLL_GAP_MS, ONE_RUN_TAIL, parseTaskTime, POLL_MARGIN_MS, TAIL_GAPS } from '../../shared/task-polling.ts'
import type { ImageSynthesisRequest, TaskOutput } from '../../shared/schemas.ts'

/** What the vendor's run time depends on: the model, the size and whether the prompt is rewritten first. */
export function taskKind(request: ImageSynthesisRequest): string {
  const p = request.parameters ?? {}
  return `${request.model}|${p.size ?? ''}|${p.prompt_extend === false ? 'plain' : 'extend'}`
}

/** A task's times as the vendor reports them (epoch ms on the vendor's clock). */
export interface VendorTimes {
  submit?: number
  scheduled?: number
  end?: number
}

export function vendorTimes(output: Pick<TaskOutput, 'submit_time' | 'scheduled_time' | 'end_time'>): VendorTimes {
  const read = (s: string | undefined) => {
    const t = s === undefined ? NaN : parseTaskTime(s)
    return Number.isFinite(t) ? t : undefined
  }
  return { submit: read(output.submit_time), scheduled: read(output.scheduled_time), end: read(output.end_time) }
}

/** Finished tasks' run times per kind, and how far the vendor's clock is ahead of ours. */
export class DurationBook {
  readonly #runs = new Map<string, number[]>()
  readonly #offsets: number[] = []

  /** A task of `kind` finished: its run time (scheduled -> end) is remembered. */
  learn(kind: string, times: VendorTimes) {
    if (times.scheduled === undefined || times.end === undefined || times.end < times.scheduled) return
    const runs = [...(this.#runs.get(kind) ?? []), times.end - times.scheduled]
    this.#runs.set(kind, runs.slice(-LEARNED_SAMPLES))
  }

  /** Run times learned for `kind`, shortest first (empty before the first finished). */
  runs(kind: string): number[] {
    return [...(this.#runs.get(kind) ?? [])].sort((a, b) => a - b)
  }

  /**
   * The vendor's submit_time of a task we created between `sentAt` and `answeredAt` (our clock):
   * the vendor's clock is taken to be ahead of ours by its distance from the midpoint.
   */
  learnOffset(vendorSubmit: number, sentAt: number, answeredAt: number) {
    this.#offsets.push(vendorSubmit - (sentAt + answeredAt) / 2)
    if (this.#offsets.length > LEARNED_SAMPLES) this.#offsets.shift()
  }

  /** Vendor clock minus ours (ms), the median of what was measured; 0 before anything was. */
  offset(): number {
    if (this.#offsets.length === 0) return 0
    const sorted = [...this.#offsets].sort((a, b) => a - b)
    return sorted[Math.floor(sorted.length / 2)]!
  }
}

export interface PollState {
  /** Our clock (ms). */
  now: number
  /** When the last request about the task (its submission or a poll) was sent. */
  lastAt: number
  /** When the vendor started running it, on our clock; undefined while it is PENDING. */
  scheduledAt?: number
  /** Learned run times of its kind, shortest first. */
  runs: readonly number[]
}

/**
 * A run a little longer than any seen yet. A new run outlasts all of n learned ones once in n + 1,
 * and a poll aimed before its end costs a whole second more: so the longest one plus twice the
 * mean gap between the learned ones (the expected overshoot is about one gap), or 3% of it while
 * one is known (seen in the bench: runs spread by 2% were missed by a few ms at 2%, a second late).
 */
function longestLikely(runs: readonly number[]): number {
  const longest = runs[runs.length - 1]!
  return longest + (runs.length > 1 ? (TAIL_GAPS * (longest - runs[0]!)) / (runs.length - 1) : longest * ONE_RUN_TAIL)
}

/** The mean wait from each finish in `ends` to the first of the polls at `first`, `first` + 1 s, … */
function meanWait(first: number, ends: readonly number[]): number {
  let sum = 0
  for (const end of ends) sum += end <= first ? first - end : Math.ceil((end - first) / MIN_POLL_GAP_MS) * MIN_POLL_GAP_MS + first - end
  return sum / ends.length
}

/**
 * When to poll next (our clock). Never sooner than a second after the last request. Unlearned:
 * every second. PENDING: often enough to see it start running well before its shortest learned
 * run could end. RUNNING: at the time that keeps the mean wait from the learned finishes to a
 * poll shortest, approached by halves, so a task that ends sooner than any learned one is still
 * seen within half its remaining time.
 */
export function nextPollAt(s: PollState): number {
  const soonest = Math.max(s.now, s.lastAt + MIN_POLL_GAP_MS)
  const shortest = s.runs[0]
  if (shortest === undefined) return soonest
  if (s.scheduledAt === undefined) return Math.max(soonest, s.lastAt + shortest / 2)
  const ends = [...s.runs, longestLikely(s.runs)].map((r) => s.scheduledAt! + r).filter((e) => e > s.lastAt)
  if (ends.length === 0) return soonest
  let best = soonest
  let bestWait = Infinity
  for (const end of ends) {
    const at = Math.max(soonest, end + POLL_MARGIN_MS)
    const wait = meanWait(at, ends)
    if (wait < bestWait) [best, bestWait] = [at, wait]
  }
  // Halfway there first, if a poll fits there and still a second before the best time.
  const half = Math.min(s.now + (best - s.now) / 2, best - MIN_POLL_GAP_MS)
  return half >= soonest && best - s.now > 2 * MIN_POLL_GAP_MS ? half : best
}
