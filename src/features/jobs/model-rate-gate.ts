/**
 * The models' own submission limits, where they are stricter than the account's 2 a second: the
 * max models take 2 a minute (V5). Each send books a slot; a send past the limit is told how long
 * to wait, so the queue can show it. The minute is the server's (shorter on a test simulator).
 */
import { findModel, MINUTE_MS, rateWindowMs } from '../../shared/models.ts'

/**
 * Slack on top of the window: the vendor counts arrivals, and a request can take longer to arrive
 * than the one it is spaced from (a busy page, a slow hop). 10% of the window, at most a second.
 */
const slackMs = (windowMs: number) => Math.min(1000, Math.round(windowMs / 10))

export class ModelRateGate {
  readonly #booked = new Map<string, number[]>()

  constructor(
    private readonly minuteMs: () => number = () => MINUTE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Books the next slot for `modelId`: how long to wait for it (0: send now), and `sent()` to call
   * when the request actually leaves (the booking moves to that time: the vendor counts arrivals).
   */
  reserve(modelId: string): { waitMs: number; sent: () => void } {
    const model = findModel(modelId)
    // A per-second model limit equals the account's, which the runner's gate already keeps.
    if (!model || model.rateLimit.window !== 'minute') return { waitMs: 0, sent: () => {} }
    const window = rateWindowMs(model.rateLimit, this.minuteMs())
    const windowMs = window + slackMs(window)
    const now = this.now()
    const slots = (this.#booked.get(modelId) ?? []).filter((t) => t > now - windowMs)
    const count = model.rateLimit.count
    const at = slots.length < count ? now : Math.max(now, slots[slots.length - count]! + windowMs)
    slots.push(at)
    slots.sort((a, b) => a - b)
    this.#booked.set(modelId, slots)
    const sent = () => {
      const booked = this.#booked.get(modelId) ?? []
      const i = booked.indexOf(at)
      if (i >= 0) booked[i] = Math.max(at, this.now())
      booked.sort((a, b) => a - b)
    }
    return { waitMs: at - now, sent }
  }
}
