import { i18n } from '@lingui/core'
import { I18nProvider } from '@lingui/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, type RenderResult } from '@testing-library/react'
import type { ReactElement, ReactNode } from 'react'
import { useImageDataSync } from '../lib/image-data.ts'

/** A query client as component tests want it: no retries, so a failing read shows at once. */
export const testQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } })

/** What the app mounts once at its root: image changes from any tab reach every view. */
function ImageDataSync() {
  useImageDataSync()
  return null
}

/**
 * Renders `ui` inside what the studio's components have around them in the app: the language
 * provider (English), a query client (given or fresh) and the one listener for image changes.
 */
export function renderWithStudio(ui: ReactElement, qc: QueryClient = testQueryClient()): RenderResult & { qc: QueryClient } {
  return {
    ...render(
      <I18nProvider i18n={i18n}>
        <QueryClientProvider client={qc}>
          <ImageDataSync />
          {ui}
        </QueryClientProvider>
      </I18nProvider>,
    ),
    qc,
  }
}

/** The studio's language provider (English in tests): `render(ui, { wrapper: InEnglish })`. */
export const InEnglish = ({ children }: { children: ReactNode }) => <I18nProvider i18n={i18n}>{children}</I18nProvider>
