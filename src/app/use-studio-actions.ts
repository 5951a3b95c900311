/** Cross-feature glue: what the compose, edit, jobs and gallery features ask of each other. */
import type { PlannedRequest } from '../features/compose/build-requests.ts'
import { useComposeStore } from '../features/compose/compose-store.ts'
import { useEditStore, type EditInput } from '../features/edit/edit-store.ts'
import { useJobRunner } from '../features/jobs/runner-context.tsx'
import type { ImageRecord, T2IJob } from '../lib/records.ts'
import { findModel, type Region } from '../shared/models.ts'
import type { ImageSynthesisRequest, MultimodalRequest } from '../shared/schemas.ts'
import { newJob } from './new-job.ts'
import { useStudioMode } from './studio-mode-store.ts'

export function useStudioActions(region: Region) {
  const runner = useJobRunner()
  const applyToCompose = useComposeStore((s) => s.apply)
  const setEdit = useEditStore((s) => s.set)
  const addEditInputs = useEditStore((s) => s.addInputs)
  const setMode = useStudioMode((s) => s.setMode)

  const submitT2I = async (plan: PlannedRequest[]) => {
    const batchId = plan.length > 1 ? crypto.randomUUID() : undefined
    for (const [i, p] of plan.entries())
      await runner.enqueue(
        newJob({ kind: 't2i', request: p.request }, region, { batchId, batchLabel: plan.length > 1 ? p.label : undefined }, i),
      )
  }

  const submitEdit = async (request: MultimodalRequest, inputs: EditInput[]) => {
    const inputIds = inputs.flatMap((i) => (i.kind === 'stored' ? [i.id] : []))
    await runner.enqueue(newJob({ kind: 'edit', request }, region, { inputIds }))
  }

  /** Same model, size and seed; the rewritten prompt as written; no second rewrite. */
  const replayExactly = (job: T2IJob, rewritten: string) => {
    const req = job.request
    const request: ImageSynthesisRequest = {
      ...req,
      input: { ...req.input, prompt: rewritten },
      parameters: { ...req.parameters, prompt_extend: false },
    }
    return runner.enqueue(newJob({ kind: 't2i', request }, job.region, { batchLabel: 'replay' }))
  }

  const useRewritten = (prompt: string) => {
    applyToCompose({ prompt, promptExtend: false })
    setMode('generate')
  }

  const reuse = (record: ImageRecord, what: 'all' | 'prompt') => {
    if (record.kind === 'edit') {
      setEdit(
        what === 'all'
          ? {
              prompt: record.prompt,
              negativePrompt: record.negativePrompt,
              model: record.model,
              watermark: record.watermark,
              // the output's size, so a model that takes one makes the same again
              size: findModel(record.model)?.takesSize ? record.size : '',
              inputs: record.parentIds.map((id) => ({ kind: 'stored' as const, id })),
              ...(record.seed !== undefined ? { seedText: String(record.seed), seedLocked: true } : {}),
            }
          : { prompt: record.prompt },
      )
      setMode('edit')
      return
    }
    applyToCompose(
      what === 'all'
        ? {
            model: record.model,
            prompt: record.prompt,
            negativePrompt: record.negativePrompt,
            size: record.size,
            seed: record.seed,
            promptExtend: record.promptExtend,
            watermark: record.watermark,
          }
        : { prompt: record.prompt },
    )
    setMode('generate')
  }

  const useAsInput = (record: ImageRecord) => {
    addEditInputs([{ kind: 'stored', id: record.id }])
    setMode('edit')
  }

  return { submitT2I, submitEdit, replayExactly, useRewritten, reuse, useAsInput }
}
