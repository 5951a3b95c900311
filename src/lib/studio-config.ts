import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from './api-client.ts'

export const studioConfigQuery = queryOptions({
  queryKey: ['studio-config'],
  queryFn: api.config,
  staleTime: Infinity,
})

export function useStudioConfig() {
  return useQuery(studioConfigQuery)
}
