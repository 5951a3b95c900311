/** Poll quickly at first (results can be fast), then settle at the reference's 3 s. */
const POLL_MS = [1000, 1000, 1000, 2000, 2000, 3000]

export function pollDelay(polls: number): number {
  return POLL_MS[Math.min(polls, POLL_MS.length - 1)]!
}
