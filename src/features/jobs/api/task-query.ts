import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import { isTerminal, type TaskQueryResponse } from '../../../shared/schemas.ts'

/** Poll quickly at first (results can be fast), then settle at the reference's 3 s. */
const POLL_MS = [1000, 1000, 1000, 2000, 2000, 3000]

export function pollDelay(polls: number): number {
  return POLL_MS[Math.min(polls, POLL_MS.length - 1)]!
}

export function taskQuery(taskId: string) {
  return queryOptions({
    queryKey: ['task', taskId],
    queryFn: () => api.getTask(taskId),
    refetchInterval: (q) => {
      const data: TaskQueryResponse | undefined = q.state.data
      return data && isTerminal(data.output.task_status) ? false : pollDelay(q.state.dataUpdateCount)
    },
    refetchIntervalInBackground: true,
  })
}

export function useTask(taskId: string | undefined) {
  return useQuery({ ...taskQuery(taskId ?? ''), enabled: !!taskId })
}
