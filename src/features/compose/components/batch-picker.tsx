import { useId } from 'react'
import { BATCH_MODES, MAX_BATCH_COUNT, type BatchMode } from '../compose-store.ts'

const LABELS: Record<BatchMode, string> = {
  single: 'One image',
  'seed-sweep': 'Seed sweep',
  'extend-ab': 'Extend on vs off',
  'all-sizes': 'All 5 sizes',
}

interface Props {
  mode: BatchMode
  count: number
  onMode: (mode: BatchMode) => void
  onCount: (count: number) => void
}

export function BatchPicker({ mode, count, onMode, onCount }: Props) {
  const id = useId()
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-400">Batch</legend>
      <div className="flex flex-wrap gap-1.5" role="radiogroup" aria-label="Batch">
        {BATCH_MODES.map((m) => (
          <label
            key={m}
            className={`cursor-pointer rounded-full border px-3 py-1 text-xs outline-violet-400 outline-offset-2 has-[:focus-visible]:outline-2 ${
              m === mode ? 'border-violet-400 bg-violet-500/15 text-violet-100' : 'border-zinc-700 text-zinc-400 hover:border-zinc-500'
            }`}
          >
            <input type="radio" name="batch-mode" className="sr-only" checked={m === mode} onChange={() => onMode(m)} />
            {LABELS[m]}
          </label>
        ))}
      </div>
      {mode === 'seed-sweep' && (
        <label htmlFor={id} className="flex items-center gap-3 text-sm text-zinc-300">
          Images
          <input
            id={id}
            type="number"
            min={1}
            max={MAX_BATCH_COUNT}
            value={count}
            onChange={(e) => onCount(Math.min(MAX_BATCH_COUNT, Math.max(1, Number(e.target.value) || 1)))}
            className="w-16 rounded-lg border border-zinc-700 bg-zinc-900 px-2 py-1 text-sm"
          />
          <span className="text-xs text-zinc-500">seeds seed, seed+1, …</span>
        </label>
      )}
    </fieldset>
  )
}
