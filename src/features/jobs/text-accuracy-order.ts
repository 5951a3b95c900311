/**
 * "Pick the one with the right text": the jobs of a seed sweep (one batch, labels "seed N") are
 * shown best text first, by the share of their quoted characters OCR read right. Jobs not yet
 * checked keep their place after the checked ones; everything else keeps the list's order.
 */
import type { JobRecord } from '../../lib/records.ts'

const isSeedSweep = (jobs: readonly JobRecord[]) => jobs.length > 1 && jobs.every((j) => j.batchLabel?.startsWith('seed '))

export function orderSeedSweepsByText(jobs: readonly JobRecord[], accuracyOf: (job: JobRecord) => number | undefined): JobRecord[] {
  const batches = new Map<string, JobRecord[]>()
  for (const job of jobs) if (job.batchId) batches.set(job.batchId, [...(batches.get(job.batchId) ?? []), job])
  const sorted = new Map<string, JobRecord[]>()
  for (const [id, members] of batches) {
    if (!isSeedSweep(members)) continue
    const rank = (j: JobRecord) => accuracyOf(j) ?? -1
    sorted.set(
      id,
      members
        .map((j, i) => ({ j, i }))
        .sort((a, b) => rank(b.j) - rank(a.j) || a.i - b.i)
        .map((x) => x.j),
    )
  }
  const next = new Map<string, number>()
  return jobs.map((job) => {
    const order = job.batchId ? sorted.get(job.batchId) : undefined
    if (!order) return job
    const k = next.get(job.batchId!) ?? 0
    next.set(job.batchId!, k + 1)
    return order[k]!
  })
}
