import { lazy, Suspense } from 'react'
import { ErrorBoundary } from '../components/ui/error-boundary.tsx'
import { ComposePanel } from '../features/compose/components/compose-panel.tsx'
import { useFileDrop } from '../lib/use-file-drop.ts'
import { JobList } from '../features/jobs/components/job-list.tsx'
import { useImageDataSync } from '../lib/image-data.ts'
import type { JobRecord } from '../lib/records.ts'
import { useStudioConfig } from '../lib/studio-config.ts'
import { GallerySlot } from './gallery-slot.tsx'
import { ModeBanner } from './mode-banner.tsx'
import { ModeTabs } from './mode-tabs.tsx'
import { RestoreNotice } from './restore-notice.tsx'
import { ResultActions } from './result-actions.tsx'
import { useRestoreFile } from './use-restore-file.ts'
import { useStudioActions } from './use-studio-actions.ts'
import { useStudioMode } from './studio-mode-store.ts'

// Loaded when first needed, to keep the initial bundle small.
const EditPanel = lazy(() => import('../features/edit/components/edit-panel.tsx').then((m) => ({ default: m.EditPanel })))
const PromptDiffView = lazy(() =>
  import('../features/prompt-diff/components/prompt-diff-view.tsx').then((m) => ({ default: m.PromptDiffView })),
)

const loading = <p className="text-sm text-zinc-500">Loading…</p>

export function App() {
  const region = useStudioConfig().data?.region ?? 'singapore'
  const actions = useStudioActions(region)
  const mode = useStudioMode((s) => s.mode)
  useImageDataSync()
  const restoreFile = useRestoreFile()
  // A file dropped on either panel restores its parameters (the edit panel's own drop zone adds inputs instead).
  const drop = useFileDrop((files) => void Promise.all(files.map(restoreFile)))

  const promptDiff = (original: string, rewritten: string, job?: JobRecord) => (
    <ErrorBoundary area="The prompt rewrite view">
      <Suspense fallback={loading}>
        <PromptDiffView
          original={original}
          rewritten={rewritten}
          onUseRewritten={actions.useRewritten}
          onReplay={job?.kind === 't2i' ? (prompt) => void actions.replayExactly(job, prompt) : undefined}
        />
      </Suspense>
    </ErrorBoundary>
  )

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-zinc-800 px-6 py-3">
        <h1 className="text-lg font-semibold tracking-tight">Qwen Image Studio</h1>
        <ModeBanner />
      </header>
      <main className="grid flex-1 grid-cols-1 gap-6 p-6 lg:grid-cols-[400px_1fr]">
        <section aria-label="Compose panel" className="relative flex flex-col gap-4 lg:sticky lg:top-6 lg:self-start" {...drop.handlers}>
          <ModeTabs />
          <RestoreNotice />
          {mode === 'generate' ? (
            <ErrorBoundary key="generate" area="The text-to-image panel">
              <ComposePanel region={region} onSubmit={actions.submitT2I} />
            </ErrorBoundary>
          ) : (
            <ErrorBoundary key="edit" area="The edit panel">
              <Suspense fallback={loading}>
                <EditPanel region={region} onSubmit={actions.submitEdit} />
              </Suspense>
            </ErrorBoundary>
          )}
          {drop.over && (
            <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-xl border-2 border-dashed border-violet-400 bg-zinc-950/85 p-6 text-center text-sm text-violet-100">
              {mode === 'edit'
                ? 'Drop on the dashed box to add an input image; anywhere else to restore the parameters of an image from the studio'
                : 'Drop an image from the studio (or an AUTOMATIC1111 PNG) to restore its parameters'}
            </div>
          )}
        </section>
        <div className="flex min-w-0 flex-col gap-8">
          <ErrorBoundary area="The job list">
            <JobList renderDiff={promptDiff} renderImageActions={(job, id) => <ResultActions job={job} imageId={id} />} />
          </ErrorBoundary>
          <ErrorBoundary area="The gallery">
            <GallerySlot
              fallback={loading}
              onReuse={actions.reuse}
              onUseAsInput={actions.useAsInput}
              onImageFile={(file) => void restoreFile(file)}
              renderPromptDiff={(record) => (record.actualPrompt ? promptDiff(record.prompt, record.actualPrompt) : null)}
            />
          </ErrorBoundary>
        </div>
      </main>
    </div>
  )
}
