import { ComposePanel } from '../features/compose/components/compose-panel.tsx'
import type { PlannedRequest } from '../features/compose/build-requests.ts'
import { useComposeStore } from '../features/compose/compose-store.ts'
import { JobList } from '../features/jobs/components/job-list.tsx'
import { PromptDiffView } from '../features/prompt-diff/components/prompt-diff-view.tsx'
import type { JobRecord } from '../lib/records.ts'
import type { ImageSynthesisRequest } from '../shared/schemas.ts'
import { useJobRunner } from '../features/jobs/runner-context.tsx'
import { useStudioConfig } from '../lib/studio-config.ts'
import { EditPanel } from '../features/edit/components/edit-panel.tsx'
import type { EditInput } from '../features/edit/edit-store.ts'
import type { MultimodalRequest } from '../shared/schemas.ts'
import { ModeBanner } from './mode-banner.tsx'
import { ResultActions } from './result-actions.tsx'
import { useStudioMode } from './studio-mode-store.ts'
import { newJob } from './new-job.ts'

export function App() {
  const region = useStudioConfig().data?.region ?? 'singapore'
  const runner = useJobRunner()

  const submit = async (plan: PlannedRequest[]) => {
    const batchId = plan.length > 1 ? crypto.randomUUID() : undefined
    for (const [i, p] of plan.entries())
      await runner.enqueue(newJob('t2i', p.request, region, { batchId, batchLabel: plan.length > 1 ? p.label : undefined }, i))
  }

  const applyToForm = useComposeStore((s) => s.apply)
  const { mode, setMode } = useStudioMode()

  const submitEdit = async (request: MultimodalRequest, inputs: EditInput[]) => {
    const inputIds = inputs.flatMap((i) => (i.kind === 'stored' ? [i.id] : []))
    await runner.enqueue(newJob('edit', request, region, { inputIds }))
  }

  /** Same model, size and seed; the rewritten prompt as written; no second rewrite. */
  const replayExactly = (job: JobRecord, rewritten: string) => {
    const req = job.request as ImageSynthesisRequest
    const request: ImageSynthesisRequest = {
      ...req,
      input: { ...req.input, prompt: rewritten },
      parameters: { ...req.parameters, prompt_extend: false },
    }
    return runner.enqueue(newJob('t2i', request, job.region, { batchLabel: 'replay' }))
  }

  const renderDiff = (original: string, rewritten: string, job: JobRecord) => (
    <PromptDiffView
      original={original}
      rewritten={rewritten}
      onUseRewritten={(prompt) => applyToForm({ prompt, promptExtend: false })}
      onReplay={job.kind === 't2i' ? (prompt) => void replayExactly(job, prompt) : undefined}
    />
  )

  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-zinc-800 px-6 py-3">
        <h1 className="text-lg font-semibold tracking-tight">Qwen Image Studio</h1>
        <ModeBanner />
      </header>
      <main className="grid flex-1 grid-cols-1 gap-6 p-6 lg:grid-cols-[400px_1fr]">
        <section aria-label="Compose panel" className="flex flex-col gap-4 lg:sticky lg:top-6 lg:self-start">
          <div role="tablist" aria-label="Mode" className="grid grid-cols-2 rounded-lg bg-zinc-900 p-1 text-sm">
            {(['generate', 'edit'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="tab"
                aria-selected={mode === m}
                onClick={() => setMode(m)}
                className={`rounded-md py-1.5 font-medium ${mode === m ? 'bg-zinc-700 text-white' : 'text-zinc-400 hover:text-zinc-200'}`}
              >
                {m === 'generate' ? 'Text to image' : 'Edit images'}
              </button>
            ))}
          </div>
          {mode === 'generate' ? <ComposePanel region={region} onSubmit={submit} /> : <EditPanel region={region} onSubmit={submitEdit} />}
        </section>
        <div className="flex min-w-0 flex-col gap-6">
          <JobList renderDiff={renderDiff} renderImageActions={(job, id) => <ResultActions job={job} imageId={id} />} />
        </div>
      </main>
    </div>
  )
}
