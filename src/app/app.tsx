import { ComposePanel } from '../features/compose/components/compose-panel.tsx'
import { JobCard } from '../features/jobs/components/job-card.tsx'
import { useJobsStore } from '../features/jobs/jobs-store.ts'
import { ModeBanner } from './mode-banner.tsx'

export function App() {
  const jobs = useJobsStore((s) => s.jobs)
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-zinc-800 px-6 py-3">
        <h1 className="text-lg font-semibold tracking-tight">Qwen Image Studio</h1>
        <ModeBanner />
      </header>
      <main className="grid flex-1 grid-cols-1 gap-6 p-6 lg:grid-cols-[420px_1fr]">
        <section aria-label="Compose panel">
          <ComposePanel />
        </section>
        <section aria-label="Results" className="grid auto-rows-min grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {jobs.map((job) => (
            <JobCard key={job.id} job={job} />
          ))}
        </section>
      </main>
    </div>
  )
}
