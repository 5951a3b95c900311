/**
 * Fair share between people: round robin across submitters. The submitter served longest ago
 * goes next (one who was never served, first, by their oldest job), and takes their oldest job
 * that may go, so one person's 40-image batch does not block another's single image.
 */
import type { QueueView } from '../../shared/studio-jobs.ts'

export interface Waiting {
  id: string
  submitter: string
  /** Arrival order. */
  seq: number
  model: string
  /** A sync call (multimodal-generation) rather than an async task. */
  sync: boolean
  /** Not before this time (epoch ms): a retry's backoff. */
  notBefore: number
}

/** Each submitter's waiting jobs, oldest first, the submitters in the order they are served next. */
export function fairOrder(waiting: Iterable<Waiting>, lastServed: ReadonlyMap<string, number>): Waiting[][] {
  const by = new Map<string, Waiting[]>()
  for (const w of waiting) by.set(w.submitter, [...(by.get(w.submitter) ?? []), w])
  const lists = [...by.values()].map((l) => l.sort((a, b) => a.seq - b.seq))
  const turn = (l: Waiting[]) => lastServed.get(l[0]!.submitter) ?? -1
  return lists.sort((a, b) => turn(a) - turn(b) || a[0]!.seq - b[0]!.seq)
}

/** The order every waiting job would be sent in, were slots free (the queue view's projection). */
export function projectedOrder(waiting: Iterable<Waiting>, lastServed: ReadonlyMap<string, number>): Waiting[] {
  const served = new Map(lastServed)
  let turn = Math.max(0, ...served.values())
  const lists = fairOrder(waiting, served).map((l) => [...l])
  const out: Waiting[] = []
  while (lists.some((l) => l.length)) {
    const next = fairOrder(
      lists.flatMap((l) => l.slice(0, 1)),
      served,
    )[0]![0]!
    const list = lists.find((l) => l[0] === next)!
    out.push(list.shift()!)
    served.set(next.submitter, ++turn)
  }
  return out
}

/** The account-wide queue as `submitter` sees it: counts ahead of each of their jobs, no prompts. */
export function queueViewFor(submitter: string, order: readonly Waiting[], running: readonly { submitter: string }[]): QueueView {
  const ahead: QueueView['ahead'] = {}
  let mine = 0
  let others = 0
  for (const w of order) {
    if (w.submitter === submitter) {
      ahead[w.id] = { mine, others }
      mine++
    } else others++
  }
  const people = new Set([...order, ...running].map((j) => j.submitter)).size
  return { running: running.length, queued: order.length, ahead, people }
}
