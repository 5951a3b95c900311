import { useId } from 'react'
import { countChars, overflowChars } from '../../shared/text.ts'

interface Props {
  label: string
  value: string
  onChange: (value: string) => void
  max: number
  rows?: number
  placeholder?: string
}

/** A prompt box with a live n/max counter (one per Unicode character) and what will be cut. */
export function PromptEditor({ label, value, onChange, max, rows = 5, placeholder }: Props) {
  const id = useId()
  const count = countChars(value)
  const cut = overflowChars(value, max)
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between">
        <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-zinc-400">
          {label}
        </label>
        <span
          data-testid={`${label.toLowerCase().replace(/\s+/g, '-')}-counter`}
          aria-label={`${label}: ${count} of ${max} characters`}
          className={`text-xs tabular-nums ${cut ? 'font-semibold text-amber-300' : 'text-zinc-500'}`}
        >
          {count}/{max}
        </span>
      </div>
      <textarea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        rows={rows}
        placeholder={placeholder}
        aria-describedby={cut ? `${id}-cut` : undefined}
        className={`rounded-lg border bg-zinc-900 p-3 text-sm outline-none focus:border-violet-400 ${cut ? 'border-amber-500/60' : 'border-zinc-700'}`}
      />
      {cut && (
        <p id={`${id}-cut`} role="status" className="rounded-md bg-amber-500/10 p-2 text-xs text-amber-200">
          Past {max} characters the model cuts the rest: <mark className="bg-amber-400/30 text-amber-100">{cut}</mark>
        </p>
      )}
    </div>
  )
}
