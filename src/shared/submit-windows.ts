/**
 * The account's submission limits as one rule, for whoever sends (the studio server's queue):
 * every submission counts against the account's rate (2 a second) and, for the max models, the
 * model's own (2 a minute). `waitMs` says how long until the next one may leave; `record` notes
 * one that left. The minute is the server's (shorter on a test simulator).
 */
import { ACCOUNT_LIMITS, findModel, MINUTE_MS, rateWindowMs } from './models.ts'

/**
 * Slack on top of a window: the vendor counts arrivals, and a request can take longer to arrive
 * than the one it is spaced from (a busy host, a slow hop). 10% of the window, at most a second.
 */
export const slackMs = (windowMs: number) => Math.min(1000, Math.round(windowMs / 10))

const ACCOUNT = '\u0000account'

export class SubmitWindows {
  readonly #sent = new Map<string, number[]>()

  constructor(
    private readonly minuteMs: () => number = () => MINUTE_MS,
    private readonly perSecond: number = ACCOUNT_LIMITS.submitPerSecond,
  ) {}

  /** The windows a submission of `modelId` counts against: [key, count, window with slack]; the account's first. */
  windows(modelId: string): [string, number, number][] {
    const out: [string, number, number][] = [[ACCOUNT, this.perSecond, 1000 + slackMs(1000)]]
    const model = findModel(modelId)
    // A per-second model limit equals the account's, which the first window already keeps.
    if (model && model.rateLimit.window === 'minute') {
      const w = rateWindowMs(model.rateLimit, this.minuteMs())
      out.push([model.id, model.rateLimit.count, w + slackMs(w)])
    }
    return out
  }

  /** How long until a submission of `modelId` may leave (0: now). */
  waitMs(modelId: string, now: number): number {
    let wait = 0
    for (const [key, count, window] of this.windows(modelId)) {
      const recent = (this.#sent.get(key) ?? []).filter((t) => t > now - window)
      this.#sent.set(key, recent)
      if (recent.length >= count) wait = Math.max(wait, recent[recent.length - count]! + window - now)
    }
    return wait
  }

  /** A submission of `modelId` left at `now`. */
  record(modelId: string, now: number) {
    for (const [key] of this.windows(modelId)) this.#sent.set(key, [...(this.#sent.get(key) ?? []), now])
  }
}
