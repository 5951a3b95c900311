/** The account-wide queue as the server last told this browser (by its event stream): counts only. */
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query'
import type { QueueView } from '../../../shared/studio-jobs.ts'

const EMPTY: QueueView = { running: 0, queued: 0, ahead: {}, people: 0 }

export const queueQuery = queryOptions({
  queryKey: ['job-queue'],
  // Filled by the event stream (setQueueView); nothing to fetch.
  queryFn: () => EMPTY,
  staleTime: Infinity,
  networkMode: 'always',
})

export function setQueueView(client: QueryClient, view: QueueView) {
  client.setQueryData(queueQuery.queryKey, view)
}

export function useQueueView(): QueueView {
  return useQuery(queueQuery).data ?? EMPTY
}
