import './start-gallery.ts' // first: see there
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { ErrorBoundary } from '../components/ui/error-boundary.tsx'
import { JobRunnerProvider } from '../features/jobs/runner-context.tsx'
import { createQueryClient } from '../lib/query-client.ts'
import { App } from './app.tsx'
import { finishUpgradesLater } from './finish-upgrades.ts'
import './index.css'
import { startTheme } from './theme.ts'

finishUpgradesLater()
startTheme()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <QueryClientProvider client={createQueryClient()}>
        <JobRunnerProvider>
          <App />
        </JobRunnerProvider>
      </QueryClientProvider>
    </ErrorBoundary>
  </StrictMode>,
)
