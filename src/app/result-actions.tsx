import { lazy, Suspense, useState } from 'react'
import { useEditStore } from '../features/edit/edit-store.ts'
import type { JobRecord } from '../lib/records.ts'
import { useStudioMode } from './studio-mode-store.ts'
import { Trans } from '@lingui/react/macro'

const CompareView = lazy(() => import('../features/edit/components/compare-view.tsx').then((m) => ({ default: m.CompareView })))

/** Under each result: continue editing from it (it becomes Image 1), and compare an edit with its Image 1. */
export function ResultActions({ job, imageId }: { job: JobRecord; imageId: string }) {
  const startFrom = useEditStore((s) => s.startFrom)
  const setMode = useStudioMode((s) => s.setMode)
  const [comparing, setComparing] = useState(false)
  const firstInput = job.kind === 'edit' ? job.inputIds[0] : undefined
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-col items-start gap-1 text-xs">
        <button
          type="button"
          className="text-violet-300 hover:underline"
          onClick={() => {
            startFrom(imageId)
            setMode('edit')
          }}
        >
          <Trans>Continue editing</Trans>
        </button>
        {firstInput && (
          <button
            type="button"
            aria-expanded={comparing}
            className="text-violet-300 hover:underline"
            onClick={() => setComparing((c) => !c)}
          >
            <Trans>Compare with Image 1</Trans>
          </button>
        )}
      </div>
      {comparing && firstInput && (
        <Suspense fallback={null}>
          <CompareView beforeId={firstInput} afterId={imageId} />
        </Suspense>
      )}
    </div>
  )
}
