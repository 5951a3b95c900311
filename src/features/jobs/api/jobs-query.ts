import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { listen } from '../../../lib/studio-bus.ts'
import { jobRepo } from './job-repo.ts'

const repo = jobRepo()

export const jobsQuery = queryOptions({
  queryKey: ['jobs'],
  queryFn: () => repo.recent(100),
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
