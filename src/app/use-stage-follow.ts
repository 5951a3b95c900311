import { useEffect, useRef } from 'react'
import { useJobs } from '../features/jobs/api/jobs-query.ts'
import { useStage } from '../lib/stage-store.ts'

/**
 * A result that arrives while the studio is open goes on the stage the moment its bytes are
 * here (the runner shows it while it is still being kept: features/jobs/start-runner.ts): one image
 * alone, several (n > 1, a seed sweep or any batch) as one contact sheet that grows as they arrive.
 */
export function useStageFollow() {
  const jobs = useJobs().data
  /** Image ids already seen: those of jobs finished before this page opened, and each one shown since. */
  const seen = useRef<Set<string> | null>(null)
  useEffect(() => {
    if (!jobs) return
    const withImages = jobs.filter((j) => j.imageIds.length > 0 && j.status !== 'failed' && j.status !== 'canceled')
    if (!seen.current) {
      // Results from before this page opened are in the gallery already; they do not take the stage.
      seen.current = new Set(withImages.flatMap((j) => j.imageIds))
      // ...but an empty stage shows the latest result, so there is something to look at.
      const latest = withImages[0]
      if (latest && !useStage.getState().ids.length) useStage.getState().show(latest.imageIds[0]!, latest.imageIds)
      return
    }
    // jobs are newest first; a sheet reads in the order the batch was planned
    const idsOf = (batch: typeof withImages) =>
      batch
        .slice()
        .sort((a, b) => a.createdAt - b.createdAt)
        .flatMap((j) => j.imageIds)
    const stage = useStage.getState()
    const fresh = withImages.filter((j) => j.imageIds.some((id) => !seen.current!.has(id)))
    if (!fresh.length) {
      // A sheet on the stage grows with its batch: an image shown from its bytes can be read back
      // from IndexedDB before it is kept (the sheet drawn then lacks it) and comes back once kept.
      const batchId = stage.ids.length > 1 ? withImages.find((j) => j.imageIds.includes(stage.ids[0]!))?.batchId : undefined
      const ids = batchId ? idsOf(withImages.filter((j) => j.batchId === batchId)) : []
      if (ids.length > stage.ids.length && stage.ids.every((id) => ids.includes(id))) stage.showSheet(ids)
      return
    }
    fresh.forEach((j) => j.imageIds.forEach((id) => seen.current!.add(id)))
    const last = fresh[0]!
    const ids = idsOf(last.batchId ? withImages.filter((j) => j.batchId === last.batchId) : [last])
    if (ids.length === 1) stage.show(ids[0]!, ids)
    else stage.showSheet(ids)
  }, [jobs])
}
