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
import { ThemeSwitch } from './theme-switch.tsx'
import { LanguageSwitch } from './language-switch.tsx'
import { useStageFollow } from './use-stage-follow.ts'
import { useStage } from '../lib/stage-store.ts'
import { useLingui as useLinguiContext } from '@lingui/react'
import { Trans, useLingui } from '@lingui/react/macro'

// Loaded when first needed, to keep the initial bundle small.
const EditPanel = lazy(() => import('../features/edit/components/edit-panel.tsx').then((m) => ({ default: m.EditPanel })))
const Stage = lazy(() => import('./stage.tsx').then((m) => ({ default: m.Stage })))
const PromptDiffView = lazy(() =>
  import('../features/prompt-diff/components/prompt-diff-view.tsx').then((m) => ({ default: m.PromptDiffView })),
)

/** The workspace, mounted afresh when the language changes (so every string is read again). */
export function App() {
  const { i18n } = useLinguiContext()
  return <Workspace key={i18n.locale} />
}

function Workspace() {
  const { t } = useLingui()
  const loading = (
    <p className="text-sm text-zinc-400">
      <Trans>Loading…</Trans>
    </p>
  )
  const region = useStudioConfig().data?.region ?? 'singapore'
  const actions = useStudioActions(region)
  const mode = useStudioMode((s) => s.mode)
  useImageDataSync()
  useStageFollow()
  const showOnStage = useStage((s) => s.show)
  const restoreFile = useRestoreFile()
  // A file dropped on either panel restores its parameters (the edit panel's own drop zone adds inputs instead).
  const drop = useFileDrop((files) => void Promise.all(files.map(restoreFile)))

  const promptDiff = (original: string, rewritten: string, job?: JobRecord) => (
    <ErrorBoundary area={t`The prompt rewrite view`}>
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

  // Three zones: the controls (scrolling on their own, the Generate bar pinned to their bottom),
  // the stage, and the library; the queue is a strip above them. On a phone they stack: stage and
  // library first, then the controls, with the Generate bar fixed to the bottom of the screen.
  return (
    <div className="flex min-h-screen flex-col bg-zinc-950 text-zinc-100 lg:h-dvh lg:min-h-0 lg:overflow-hidden">
      <a
        href="#stage"
        className="sr-only z-50 rounded-lg bg-violet-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        <Trans>Skip to the stage</Trans>
      </a>
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-zinc-800 px-4 py-2">
        <h1 className="text-lg font-semibold tracking-tight">
          <Trans>Qwen Image Studio</Trans>
        </h1>
        <div className="order-last w-full sm:order-none sm:ml-auto sm:w-auto">
          <ModeBanner />
        </div>
        <div className="ml-auto flex items-center gap-2 sm:ml-0">
          <LanguageSwitch />
          <ThemeSwitch />
        </div>
      </header>
      <main className="flex flex-1 flex-col gap-4 p-3 pb-28 lg:grid lg:min-h-0 lg:grid-cols-[360px_minmax(0,1fr)] lg:p-4 lg:pb-4 xl:grid-cols-[400px_minmax(0,1fr)]">
        <section
          aria-label={t`Compose panel`}
          data-zone="controls"
          className="relative order-2 flex flex-col gap-4 lg:order-none lg:min-h-0 lg:overflow-y-auto lg:pr-2"
          {...drop.handlers}
        >
          <ModeTabs />
          <RestoreNotice />
          {mode === 'generate' ? (
            <ErrorBoundary key="generate" area={t`The text-to-image panel`}>
              <ComposePanel region={region} onSubmit={actions.submitT2I} />
            </ErrorBoundary>
          ) : (
            <ErrorBoundary key="edit" area={t`The edit panel`}>
              <Suspense fallback={loading}>
                <EditPanel region={region} onSubmit={actions.submitEdit} />
              </Suspense>
            </ErrorBoundary>
          )}
          {drop.over && (
            <div className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center rounded-xl border-2 border-dashed border-violet-400 bg-zinc-950/85 p-6 text-center text-sm text-violet-100">
              {mode === 'edit'
                ? t`Drop on the dashed box to add an input image; anywhere else to restore the parameters of an image from the studio`
                : t`Drop an image from the studio (or an AUTOMATIC1111 PNG) to restore its parameters`}
            </div>
          )}
        </section>
        <div className="order-1 flex min-w-0 flex-col gap-3 lg:order-none lg:min-h-0">
          <div className="order-3 lg:order-none">
            <ErrorBoundary area={t`The job list`}>
              <JobList
                renderDiff={promptDiff}
                renderImageActions={(job, id) => <ResultActions job={job} imageId={id} />}
                onShow={(id, ids) => showOnStage(id, ids)}
              />
            </ErrorBoundary>
          </div>
          <div className="order-1 grid min-h-0 flex-1 grid-cols-1 gap-3 lg:order-none lg:grid-cols-[minmax(0,1fr)_300px] xl:grid-cols-[minmax(0,1fr)_420px]">
            <div id="stage" tabIndex={-1} className="h-[30vh] min-h-0 max-lg:has-[[data-comparing]]:h-[65vh] lg:h-auto">
              <ErrorBoundary area={t`The stage`}>
                <Suspense fallback={null}>
                  <Stage />
                </Suspense>
              </ErrorBoundary>
            </div>
            <div className="min-h-0">
              <ErrorBoundary area={t`The gallery`}>
                <GallerySlot
                  fallback={loading}
                  onReuse={actions.reuse}
                  onUseAsInput={actions.useAsInput}
                  onImageFile={(file) => void restoreFile(file)}
                  renderPromptDiff={(record) => (record.actualPrompt ? promptDiff(record.prompt, record.actualPrompt) : null)}
                />
              </ErrorBoundary>
            </div>
          </div>
        </div>
      </main>
    </div>
  )
}
