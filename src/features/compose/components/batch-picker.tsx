import { useId } from 'react'
import { BATCH_MODES, MAX_BATCH_COUNT, type BatchMode } from '../compose-store.ts'
import type { MessageDescriptor } from '@lingui/core'
import { msg } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'

const LABELS: Record<BatchMode, MessageDescriptor> = {
  single: msg`One image`,
  'seed-sweep': msg`Seed sweep`,
  'extend-ab': msg`Extend on vs off`,
  'all-sizes': msg`All 5 sizes`,
}

interface Props {
  mode: BatchMode
  count: number
  onMode: (mode: BatchMode) => void
  onCount: (count: number) => void
}

export function BatchPicker({ mode, count, onMode, onCount }: Props) {
  const { t, i18n } = useLingui()
  const id = useId()
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-400">
        <Trans>Batch</Trans>
      </legend>
      <div className="flex flex-wrap gap-1.5" role="radiogroup" aria-label={t`Batch`}>
        {BATCH_MODES.map((m) => (
          <label
            key={m}
            className={`cursor-pointer rounded-full border px-3 py-1 text-xs outline-violet-400 outline-offset-2 has-[:focus-visible]:outline-2 ${
              m === mode ? 'border-violet-400 bg-violet-500/15 text-violet-100' : 'border-zinc-700 text-zinc-400 hover:border-zinc-500'
            }`}
          >
            <input type="radio" name="batch-mode" className="sr-only" checked={m === mode} onChange={() => onMode(m)} />
            {i18n._(LABELS[m])}
          </label>
        ))}
      </div>
      {mode === 'seed-sweep' && (
        <label htmlFor={id} className="flex items-center gap-3 text-sm text-zinc-300">
          <Trans>Images</Trans>
          <input
            id={id}
            type="number"
            min={1}
            max={MAX_BATCH_COUNT}
            value={count}
            onChange={(e) => onCount(Math.min(MAX_BATCH_COUNT, Math.max(1, Number(e.target.value) || 1)))}
            className="w-16 rounded-lg border border-zinc-700 bg-zinc-900 px-2 py-1 text-sm"
          />
          <span className="text-xs text-zinc-500">
            <Trans>seeds seed, seed+1, …</Trans>
          </span>
        </label>
      )}
    </fieldset>
  )
}
