import { useQueries } from '@tanstack/react-query'
import { imageRecordQuery } from '../../../lib/image-data.ts'
import type { JobRecord } from '../../../lib/records.ts'
import { useJobs } from '../api/jobs-query.ts'
import { orderSeedSweepsByText } from '../text-accuracy-order.ts'
import { JobCard } from './job-card.tsx'

/** Jobs shown, a seed sweep's best text first (its images' text checks, read from IndexedDB). */
function useShownJobs(jobs: readonly JobRecord[]): JobRecord[] {
  const shown = jobs.slice(0, 30)
  const swept = shown.filter((j) => j.batchLabel?.startsWith('seed ') && j.imageIds[0])
  const records = useQueries({ queries: swept.map((j) => imageRecordQuery(j.imageIds[0]!)) })
  const accuracy = new Map(swept.map((j, i) => [j.id, records[i]?.data?.textCheck?.accuracy]))
  return orderSeedSweepsByText(shown, (j) => accuracy.get(j.id))
}

interface Props {
  renderDiff?: (original: string, rewritten: string, job: JobRecord) => React.ReactNode
  renderImageActions?: (job: JobRecord, imageId: string) => React.ReactNode
}

/** The queue: active jobs first with their position, then recent ones. */
export function JobList({ renderDiff, renderImageActions }: Props) {
  const jobs = useJobs().data ?? []
  const queued = jobs.filter((j) => j.status === 'queued').sort((a, b) => a.createdAt - b.createdAt)
  const position = new Map(queued.map((j, i) => [j.id, i + 1]))
  const shown = useShownJobs(jobs)
  const running = jobs.filter((j) => ['submitting', 'pending', 'running', 'saving'].includes(j.status)).length
  return (
    <section aria-label="Jobs" className="flex flex-col gap-3">
      <h2 className="flex items-baseline gap-3 text-sm font-semibold text-zinc-300">
        Jobs
        <span className="text-xs font-normal text-zinc-500" aria-label="Queue summary">
          {running} running · {queued.length} queued
        </span>
      </h2>
      {jobs.length === 0 && <p className="text-sm text-zinc-500">Results appear here, and stay in your browser.</p>}
      <div className="grid grid-cols-1 gap-3 md:grid-cols-2 2xl:grid-cols-3">
        {shown.map((job) => (
          <JobCard key={job.id} job={job} queuePosition={position.get(job.id)} renderDiff={renderDiff} renderImageActions={renderImageActions} />
        ))}
      </div>
    </section>
  )
}
