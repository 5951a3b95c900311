import { i18n } from '@lingui/core'
import { I18nProvider } from '@lingui/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactElement, ReactNode } from 'react'

/** A query client as component tests want it: no retries, so a failing read shows at once. */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } })

/** Renders `ui` inside the providers the studio's components need (English, and a query client, given or fresh). */
export function renderWithStudio(ui: ReactElement, qc: QueryClient = testQueryClient()): RenderResult & { qc: QueryClient } {
  return {
    ...render(
      <I18nProvider i18n={i18n}>
        <QueryClientProvider client={qc}>{ui}</QueryClientProvider>
      </I18nProvider>,
    ),
    qc,
  }
}

/** The studio's language provider (English in tests): `render(ui, { wrapper: InEnglish })`. */
export const InEnglish = ({ children }: { children: ReactNode }) => <I18nProvider i18n={i18n}>{children}</I18nProvider>
