import { useEffect, useRef } from 'react'
import { useJobs } from '../features/jobs/api/jobs-query.ts'
import type { JobRecord } from '../lib/records.ts'
import { useStage } from '../lib/stage-store.ts'

/** What the stage was last given to follow: a job, or a batch of them, and the images it showed. */
interface Following {
  jobId: string
  batchId?: string
  ids: readonly string[]
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id, i) => id === b[i])

/** The images of the job or batch followed, in the order the batch was planned. */
function followedIds(jobs: readonly JobRecord[], following: Following): string[] {
  const batch = following.batchId ? jobs.filter((j) => j.batchId === following.batchId) : jobs.filter((j) => j.id === following.jobId)
  // jobs are newest first; a sheet reads in the order the batch was planned
  return batch
    .slice()
    .sort((a, b) => a.createdAt - b.createdAt)
    .flatMap((j) => j.imageIds)
}

/**
 * A result that arrives while the studio is open goes on the stage the moment its bytes are
 * here (the runner shows it while it is still being kept: features/jobs/start-runner.ts): one image
 * alone, several (n > 1, a seed sweep or any batch) as one contact sheet that grows as they arrive,
 * for as long as the stage still shows that sheet (a click on one image, or on the gallery, ends it).
 */
export function useStageFollow() {
  const jobs = useJobs().data
  /** Image ids already seen: those of jobs finished before this page opened, and each one shown since. */
  const seen = useRef<Set<string> | null>(null)
  const following = useRef<Following | null>(null)
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
    const stage = useStage.getState()
    const fresh = withImages.filter((j) => j.imageIds.some((id) => !seen.current!.has(id)))
    fresh.forEach((j) => j.imageIds.forEach((id) => seen.current!.add(id)))
    if (fresh.length) following.current = { jobId: fresh[0]!.id, batchId: fresh[0]!.batchId, ids: [] }
    else if (!following.current || !sameIds(stage.ids, following.current.ids)) return
    const now = following.current
    const ids = followedIds(withImages, now)
    // A list read back while an image is still being kept may lack it for a moment: never shrink.
    if (ids.length === 0 || (now.ids.length > 0 && ids.length <= now.ids.length && ids.every((id) => now.ids.includes(id)))) return
    now.ids = ids
    if (ids.length === 1) stage.show(ids[0]!, ids)
    else stage.showSheet(ids)
  }, [jobs])
}
