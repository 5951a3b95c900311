/**
 * How often the studio may ask the vendor about one async task (issue 19), written once: the
 * adaptive schedule (proxy/jobs/poll-schedule.ts) keeps to it, the bench checks it, and the old
 * fixed schedule is kept here for the bench's comparison.
 */

/** Never more than one status request a second per task. */
export const MIN_POLL_GAP_MS = 1000

/** Upstream requests one task may cost (its submission and every poll) over `durationMs`: duration / 1 s + 2. */
export function requestBudget(durationMs: number): number {
  return Math.floor(durationMs / MIN_POLL_GAP_MS) + 2
}

/**
 * A poll aimed at an expected finish lands this long after it: the vendor's clock, read from its
 * timestamps, is only known to within the submission's round trip, and the answer must find the
 * task finished.
 */
export const POLL_MARGIN_MS = 25

/** Mean gaps between the learned run times that a new run is allowed to outlast the longest by. */
export const TAIL_GAPS = 2
/** While one run time is known: how much longer (as a share of it) the next may run. */
export const ONE_RUN_TAIL = 0.03

/** Finished tasks remembered per kind of task (model, size, prompt extension) to predict the next. */
export const LEARNED_SAMPLES = 20

/** The fixed schedule the queue polled with before issue 19: 1, 1, 1, 2, 2, then every 3 s. */
const FIXED_POLL_MS = [1000, 1000, 1000, 2000, 2000, 3000]

export function fixedPollDelay(polls: number): number {
  return FIXED_POLL_MS[Math.min(polls, FIXED_POLL_MS.length - 1)]!
}

/** Task timestamps are 'YYYY-MM-DD HH:mm:ss.SSS' in China Standard Time (UTC+8), without a zone. */
export const TASK_TIME_UTC_OFFSET_HOURS = 8

/** A vendor task timestamp as epoch ms (NaN when it is not one). */
export function parseTaskTime(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)$/.exec(s.trim())
  return m ? Date.parse(`${m[1]}T${m[2]}+0${TASK_TIME_UTC_OFFSET_HOURS}:00`) : NaN
}
