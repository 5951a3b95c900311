import './start-gallery.ts' // first: see there
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { i18n } from '@lingui/core'
import { I18nProvider } from '@lingui/react'
import { ErrorBoundary } from '../components/ui/error-boundary.tsx'
import { JobRunnerProvider } from '../features/jobs/runner-context.tsx'
import { activateLocale, startingLocale } from '../lib/i18n/locale.ts'
import { createQueryClient } from '../lib/query-client.ts'
import { App } from './app.tsx'
import { finishUpgradesLater } from './finish-upgrades.ts'
import './index.css'
import { startTheme } from './theme.ts'

finishUpgradesLater()
startTheme()
// The active language's catalog (a few KB) before the first render: no flash of the other one.
void activateLocale(startingLocale()).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider i18n={i18n}>
        <ErrorBoundary>
          <QueryClientProvider client={createQueryClient()}>
            <JobRunnerProvider>
              <App />
            </JobRunnerProvider>
          </QueryClientProvider>
        </ErrorBoundary>
      </I18nProvider>
    </StrictMode>,
  ),
)
