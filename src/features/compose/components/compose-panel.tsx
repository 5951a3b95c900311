import { FormError } from '../../../components/ui/form-error.tsx'
import { SubmitBar } from '../../../components/ui/submit-bar.tsx'
import { Toggle } from '../../../components/ui/toggle.tsx'
import { LIMITS } from '../../../shared/limits.ts'
import { findModel, promptLimitOf, t2iEndpoint, T2I_MODELS, type Region } from '../../../shared/models.ts'
import { FIXED_SIZES } from '../../../shared/size-rules.ts'
import { nFor, planCost, planImages, planRequests, sizeToSend, type PlannedRequest } from '../build-requests.ts'
import { useComposeStore } from '../compose-store.ts'
import { useSeededSubmit } from '../../../lib/use-seeded-submit.ts'
import { AspectRatioPicker } from './aspect-ratio-picker.tsx'
import { BatchPicker } from './batch-picker.tsx'
import { ModelPicker } from '../../../components/ui/model-picker.tsx'
import { NegativePromptEditor, PromptEditor } from '../../../components/ui/prompt-editor.tsx'
import { FormSeedControl } from '../../../components/ui/seed-control.tsx'
import { SizePicker } from '../../../components/ui/size-picker.tsx'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  region: Region
  /** Called with the planned requests; resolves when they are safely queued. */
  onSubmit: (plan: PlannedRequest[]) => Promise<void>
}

export function ComposePanel({ region, onSubmit }: Props) {
  const { t } = useLingui()
  const form = useComposeStore()

  const { submit, onKeyDown, error, busy, seedCheck, seedOk } = useSeededSubmit({
    seedText: form.seedText,
    seedLocked: form.seedLocked,
    setSeedText: (seedText) => form.set({ seedText }),
    blocker: () => (form.prompt.trim() ? null : t`Write a prompt first.`),
    send: (seed) => onSubmit(planRequests(form, seed)),
  })
  const preview = planRequests(form, seedCheck.ok ? seedCheck.value : 0)
  const cost = planCost(preview, region)
  const images = planImages(preview)
  const canSubmit = form.prompt.trim().length > 0 && seedOk && !busy
  const model = findModel(form.model)
  const rule = model?.size ?? FIXED_SIZES
  const maxN = model?.n.max ?? 1
  const promptLimit = model ? promptLimitOf(model, t2iEndpoint(model)) : { unit: 'chars' as const, max: LIMITS.promptMaxChars }

  return (
    <form onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} className="flex flex-col gap-4" aria-label={t`Compose`}>
      <ModelPicker models={T2I_MODELS} region={region} value={form.model} onChange={(model) => form.set({ model })} />
      <PromptEditor
        label={t`Prompt`}
        testId="prompt"
        value={form.prompt}
        onChange={(prompt) => form.set({ prompt })}
        limit={promptLimit}
        rows={6}
        placeholder={t`A poster with the title "Summer Sale" in bold letters`}
      />
      <NegativePromptEditor
        value={form.negativePrompt}
        onChange={(negativePrompt) => form.set({ negativePrompt })}
        placeholder={t`low resolution, blurry, extra fingers`}
      />
      {rule.kind === 'fixed' ? (
        <AspectRatioPicker value={sizeToSend(model, form.size).size} onChange={(size) => form.set({ size })} />
      ) : (
        <SizePicker
          rule={rule}
          value={form.size}
          onChange={(size) => form.set({ size })}
          ratioLocked={form.ratioLocked}
          onRatioLocked={(ratioLocked) => form.set({ ratioLocked })}
        />
      )}
      {maxN > 1 && (
        <label className="flex items-center justify-between gap-3 text-sm">
          <span className="text-zinc-200">
            <Trans>Images per request</Trans>
          </span>
          <input
            type="number"
            aria-label={t`Images per request`}
            min={1}
            max={maxN}
            value={nFor(model, form.n)}
            onChange={(e) => form.set({ n: nFor(model, Number(e.target.value)) })}
            className="w-20 rounded-lg border border-zinc-700 bg-zinc-900 px-2 py-1"
          />
        </label>
      )}
      <FormSeedControl form={form} />
      <div className="flex flex-col gap-3 rounded-lg border border-zinc-800 p-3">
        <Toggle
          label={t`Prompt extend`}
          hint={t`The model rewrites short prompts for better results; adds 3-4 s`}
          checked={form.promptExtend}
          onChange={(promptExtend) => form.set({ promptExtend })}
        />
        <Toggle
          label={t`Watermark`}
          hint={t`"Qwen-Image" in the bottom-right corner`}
          checked={form.watermark}
          onChange={(watermark) => form.set({ watermark })}
        />
      </div>
      <BatchPicker
        mode={form.batchMode}
        count={form.batchCount}
        onMode={(batchMode) => form.set({ batchMode })}
        onCount={(batchCount) => form.set({ batchCount })}
      />
      <SubmitBar action={t`Generate`} costLabel={t`Cost`} images={images} cost={cost} disabled={!canSubmit} />
      <FormError message={error} />
    </form>
  )
}
