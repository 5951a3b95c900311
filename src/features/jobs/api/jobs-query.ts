import { queryOptions, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { listen } from '../../../lib/studio-bus.ts'
import { ACTIVE_JOB_STATUSES, type JobRecord } from '../../../lib/records.ts'
import { jobRepo } from './job-repo.ts'

const repo = jobRepo()

/**
 * Results shown from their bytes before they are kept, by job: a job's record gets its image ids
 * only when they are kept, so a re-read of the jobs in between would drop them from view.
 */
const previews = new Map<string, Set<string>>()

/** A job's result is shown before it is kept (the cached jobs list gets the id at once). */
export function addPreview(client: QueryClient, jobId: string, imageId: string) {
  previews.set(jobId, new Set([...(previews.get(jobId) ?? []), imageId]))
  client.setQueryData(jobsQuery.queryKey, (jobs: JobRecord[] | undefined) =>
    jobs?.map((j) => (j.id === jobId ? { ...j, imageIds: [...new Set([...j.imageIds, imageId])] } : j)),
  )
}

/** Jobs as read from IndexedDB, with the results shown before they were kept. */
function withPreviews(jobs: JobRecord[]): JobRecord[] {
  return jobs.map((j) => {
    const shown = previews.get(j.id)
    if (!shown) return j
    if (j.imageIds.length > 0 || !ACTIVE_JOB_STATUSES.includes(j.status)) {
      previews.delete(j.id)
      return j
    }
    return { ...j, imageIds: [...shown] }
  })
}

export const jobsQuery = queryOptions({
  queryKey: ['jobs'],
  queryFn: async () => withPreviews(await repo.recent(100)),
  networkMode: 'always',
})

/** Recent jobs, newest first, kept current from this tab's runner and from other tabs. */
export function useJobs() {
  const client = useQueryClient()
  useEffect(
    () =>
      listen((e) => {
        if (e.type === 'jobs-changed') void client.invalidateQueries({ queryKey: jobsQuery.queryKey })
      }),
    [client],
  )
  return useQuery(jobsQuery)
}
