import { SubmitBar } from '../../../components/ui/submit-bar.tsx'
import { FormError } from '../../../components/ui/form-error.tsx'
import type { ClipboardEvent } from 'react'
import { ModelPicker } from '../../../components/ui/model-picker.tsx'
import { NegativePromptEditor, PromptEditor } from '../../../components/ui/prompt-editor.tsx'
import { FormSeedControl } from '../../../components/ui/seed-control.tsx'
import { Toggle } from '../../../components/ui/toggle.tsx'
import { useSeededSubmit } from '../../../lib/use-seeded-submit.ts'
import { LIMITS } from '../../../shared/limits.ts'
import { EDIT_MODELS, findModel, type Region } from '../../../shared/models.ts'
import { regionPrice } from '../../../lib/format-price.ts'
import { sizeForRatio } from '../../../shared/size-rules.ts'
import { editOutputSize } from '../../../shared/sizes.ts'
import { SizePicker } from '../../../components/ui/size-picker.tsx'
import { useImageRecord } from '../../../lib/image-data.ts'
import type { MultimodalRequest } from '../../../shared/schemas.ts'
import { useAddInputs } from '../api/use-add-inputs.ts'
import { buildEditRequest, mentionsImages } from '../build-edit-request.ts'
import { useEditStore, type EditInput } from '../edit-store.ts'
import { InputChip } from './input-chip.tsx'
import { InputDropzone } from './input-dropzone.tsx'
import { InputFixCard } from './input-fix-card.tsx'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  region: Region
  onSubmit: (request: MultimodalRequest, inputs: EditInput[]) => Promise<void>
}

/** The last input's pixel size: edits without a size follow its ratio. */
function useLastInputSize(inputs: EditInput[]): { width: number; height: number } | undefined {
  const last = inputs[inputs.length - 1]
  const record = useImageRecord(last?.kind === 'stored' ? last.id : null).data
  if (!last) return undefined
  if (last.kind === 'url') return { width: last.width, height: last.height }
  return record ? { width: record.width, height: record.height } : undefined
}

export function EditPanel({ region, onSubmit }: Props) {
  const { t } = useLingui()
  const form = useEditStore()
  const add = useAddInputs(region)
  const model = findModel(form.model)
  const maxN = model?.n.max ?? 1
  const n = Math.min(form.n, maxN)
  const full = form.inputs.length >= LIMITS.editImagesMax
  const last = useLastInputSize(form.inputs)
  const autoSize = last ? editOutputSize(last.width, last.height) : undefined
  const customStart = last && model ? sizeForRatio(model.size, last.width, last.height).size : undefined
  const { submit, onKeyDown, error, busy, seedOk } = useSeededSubmit({
    seedText: form.seedText,
    seedLocked: form.seedLocked,
    setSeedText: (seedText) => form.set({ seedText }),
    blocker: () =>
      form.inputs.length === 0 ? t`Add at least one input image.` : form.prompt.trim() ? null : t`Write an editing instruction.`,
    send: (seed) => onSubmit(buildEditRequest({ ...form, n }, seed), form.inputs),
  })
  const canSubmit = form.inputs.length > 0 && form.prompt.trim().length > 0 && seedOk && !busy

  const onPaste = (e: ClipboardEvent) => {
    const files = Array.from(e.clipboardData.files).filter((f) => f.type.startsWith('image/'))
    if (files.length === 0) return
    e.preventDefault()
    void add.addFiles(
      files,
      files.map((f) => f.name || t`pasted image`),
    )
  }

  const insert = (label: string) => form.set({ prompt: form.prompt ? `${form.prompt.replace(/\s*$/, '')} ${label}` : label })

  return (
    <form onSubmit={(e) => void submit(e)} onPaste={onPaste} onKeyDown={onKeyDown} className="flex flex-col gap-4" aria-label={t`Edit`}>
      <ModelPicker models={EDIT_MODELS} region={region} value={form.model} onChange={(m) => form.set({ model: m })} />
      <InputDropzone
        disabled={full}
        onFiles={(files) =>
          void add.addFiles(
            files,
            files.map((f) => f.name),
          )
        }
        onUrl={(url) => void add.addUrl(url)}
      />
      {add.errors.map((message) => (
        <p key={message} role="alert" className="rounded-lg bg-red-500/10 p-2 text-sm text-red-200">
          {message}
        </p>
      ))}
      {add.fixes.map((fix) => (
        <InputFixCard
          key={fix.key}
          inspection={fix.inspection}
          busy={add.busy === fix.key}
          onFix={() => void add.applyFix(fix)}
          onDiscard={() => add.discard(fix.key)}
        />
      ))}
      {form.inputs.length > 0 && (
        <ol aria-label={t`Input images`} className="flex flex-wrap gap-2">
          {form.inputs.map((input, i) => (
            <InputChip
              key={input.kind === 'stored' ? input.id : input.url}
              input={input}
              index={i}
              count={form.inputs.length}
              onInsert={insert}
              onMove={form.moveInput}
              onRemove={form.removeInput}
            />
          ))}
        </ol>
      )}
      <PromptEditor
        label={t`Instruction`}
        testId="instruction"
        value={form.prompt}
        onChange={(prompt) => form.set({ prompt })}
        limit={model?.prompt ?? { unit: 'tokens', max: 800 }}
        rows={4}
        placeholder={t`Make the girl from Image 1 wear the dress from Image 2`}
      />
      {form.inputs.length > 1 && !mentionsImages(form.prompt) && (
        <p role="note" className="rounded-md bg-sky-500/10 p-2 text-xs text-sky-200">
          <Trans>
            With several images, name them in the instruction (“Image 1”, “Image 2”…) so the model knows which is which. Click a chip to
            insert its name.
          </Trans>
        </p>
      )}
      <NegativePromptEditor value={form.negativePrompt} onChange={(negativePrompt) => form.set({ negativePrompt })} />
      {model?.takesSize && (
        <SizePicker
          rule={model.size}
          value={form.size}
          onChange={(size) => form.set({ size })}
          ratioLocked={form.ratioLocked}
          onRatioLocked={(ratioLocked) => form.set({ ratioLocked })}
          autoLabel={
            autoSize
              ? t`Follows the last input’s ratio: about ${autoSize.width}×${autoSize.height}`
              : t`Follows the last input’s ratio, about a megapixel`
          }
          customStart={customStart}
        />
      )}
      <label className="flex items-center justify-between gap-3 text-sm">
        <span className="text-zinc-200">
          <Trans>Outputs</Trans>
        </span>
        {maxN > 1 ? (
          <input
            type="number"
            aria-label={t`Outputs`}
            min={1}
            max={maxN}
            value={n}
            onChange={(e) => form.set({ n: Math.min(maxN, Math.max(1, Math.round(Number(e.target.value)) || 1)) })}
            className="w-20 rounded-lg border border-zinc-700 bg-zinc-900 px-2 py-1"
          />
        ) : (
          <span className="text-xs text-zinc-400">
            <Trans>1 (this model makes one image per request)</Trans>
          </span>
        )}
      </label>
      <FormSeedControl form={form} />
      <Toggle label={t`Watermark`} checked={form.watermark} onChange={(watermark) => form.set({ watermark })} />
      <SubmitBar action={t`Edit`} costLabel={t`Edit cost`} images={n} cost={regionPrice(form.model, region, n)} disabled={!canSubmit} />
      <FormError message={error} />
    </form>
  )
}
