import { useQueries } from '@tanstack/react-query'
import { imageRecordQuery } from '../../../lib/image-data.ts'
import { useState } from 'react'
import type { JobRecord } from '../../../lib/records.ts'
import { useJobs } from '../api/jobs-query.ts'
import { useQueueView } from '../api/queue-query.ts'
import { orderSeedSweepsByText } from '../text-accuracy-order.ts'
import { JobCard } from './job-card.tsx'
import { Trans, useLingui } from '@lingui/react/macro'

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
  onShow?: (imageId: string, jobImageIds: readonly string[]) => void
}

const ACTIVE: ReadonlySet<JobRecord['status']> = new Set(['queued', 'submitting', 'pending', 'running', 'saving'])

/**
 * The queue as a strip: active jobs with their position, then recent ones; their results live in
 * the gallery, so finished jobs can be cleared from the strip (their images stay).
 */
export function JobList({ renderDiff, renderImageActions, onShow }: Props) {
  const { t } = useLingui()
  const jobs = useJobs().data ?? []
  // A UI choice, not data: the jobs stay in IndexedDB (and their images in the gallery).
  const [clearedAt, setClearedAt] = useState(0)
  // The account's queue, everyone's jobs counted (the server's view).
  const queue = useQueueView()
  const { running, queued, people } = queue
  const shown = useShownJobs(jobs.filter((j) => ACTIVE.has(j.status) || j.updatedAt > clearedAt))
  const finished = shown.filter((j) => !ACTIVE.has(j.status)).length
  return (
    <section aria-label={t`Jobs`} className="flex min-w-0 flex-col gap-2">
      <h2 className="flex items-baseline gap-3 text-sm font-semibold text-zinc-300">
        <Trans>Jobs</Trans>
        <span className="text-xs font-normal text-zinc-400" aria-label={t`Queue summary`}>
          {queue.people > 1 ? t`${running} running · ${queued} queued · ${people} people` : t`${running} running · ${queued} queued`}
        </span>
        {finished > 0 && (
          <button
            type="button"
            className="ml-auto text-xs font-normal text-violet-300 hover:underline"
            onClick={() => setClearedAt(Date.now())}
          >
            <Trans>Clear finished</Trans>
          </button>
        )}
      </h2>
      {shown.length === 0 && (
        <p className="text-sm text-zinc-400">
          <Trans>Jobs appear here while they run; their images stay in the gallery.</Trans>
        </p>
      )}
      {shown.length > 0 && (
        <div className="flex max-h-60 gap-2 overflow-x-auto pb-1 lg:max-h-44">
          {shown.slice(0, 30).map((job) => (
            <JobCard
              key={job.id}
              job={job}
              ahead={queue.ahead[job.id]}
              renderDiff={renderDiff}
              renderImageActions={renderImageActions}
              onShow={onShow}
            />
          ))}
        </div>
      )}
    </section>
  )
}
