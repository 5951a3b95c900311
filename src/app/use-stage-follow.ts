import { useEffect, useRef } from 'react'
import { useJobs } from '../features/jobs/api/jobs-query.ts'
import { useStage } from '../lib/stage-store.ts'

/**
 * A job that finishes while the studio is open puts its results on the stage: one image alone,
 * several (n > 1, a seed sweep or any batch) as one contact sheet that grows as its jobs finish.
 */
export function useStageFollow() {
  const jobs = useJobs().data
  const seen = useRef<Set<string> | null>(null)
  useEffect(() => {
    if (!jobs) return
    const done = jobs.filter((j) => j.status === 'succeeded' && j.imageIds.length > 0)
    if (!seen.current) {
      // Jobs finished before this page opened are in the gallery already; they do not take the stage.
      seen.current = new Set(done.map((j) => j.id))
      // ...but an empty stage shows the latest result, so there is something to look at.
      const latest = done[0]
      if (latest && !useStage.getState().ids.length) useStage.getState().show(latest.imageIds[0]!, latest.imageIds)
      return
    }
    const fresh = done.filter((j) => !seen.current!.has(j.id))
    if (!fresh.length) return
    fresh.forEach((j) => seen.current!.add(j.id))
    const last = fresh[0]!
    const batch = last.batchId ? done.filter((j) => j.batchId === last.batchId) : [last]
    // jobs are newest first; a sheet reads in the order the batch was planned
    const ids = batch
      .slice()
      .sort((a, b) => a.createdAt - b.createdAt)
      .flatMap((j) => j.imageIds)
    const stage = useStage.getState()
    if (ids.length === 1) stage.show(ids[0]!, ids)
    else stage.showSheet(ids)
  }, [jobs])
}
