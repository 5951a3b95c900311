import { QueryClient } from '@tanstack/react-query'
import { StudioError } from '../shared/studio-error.ts'

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => error instanceof StudioError && error.retryable && failures < 3,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  })
}
