import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactElement } from 'react'

/** A query client as component tests want it: no retries, so a failing read shows at once. */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } })

/** Renders `ui` inside the providers the studio's components need (a query client, given or fresh). */
export function renderWithStudio(ui: ReactElement, qc: QueryClient = testQueryClient()): RenderResult & { qc: QueryClient } {
  return { ...render(<QueryClientProvider client={qc}>{ui}</QueryClientProvider>), qc }
}
