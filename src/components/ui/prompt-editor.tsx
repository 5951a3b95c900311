import { useId } from 'react'
import { LIMITS } from '../../shared/limits.ts'
import { countPrompt, overflowPrompt, type PromptLimit } from '../../shared/text.ts'
import { useLingui } from '@lingui/react/macro'

interface Props {
  label: string
  /** Names the counter for tests (`${testId}-counter`), whatever the language. */
  testId: string
  value: string
  onChange: (value: string) => void
  /** Characters, or tokens (estimated from above: one per UTF-8 byte), as the model counts. */
  limit: PromptLimit
  rows?: number
  placeholder?: string
}

/** A prompt box with a live n/max counter (characters or tokens, per model) and what will be cut. */
export function PromptEditor({ label, testId, value, onChange, limit, rows = 5, placeholder }: Props) {
  const { t } = useLingui()
  const TOKEN_HINT = t`Tokens are estimated as one per UTF-8 byte (a Chinese character counts 3): never fewer than the model counts, so text under the limit here is kept.`
  const id = useId()
  const count = countPrompt(value, limit)
  const cut = overflowPrompt(value, limit)
  const max = limit.max
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-baseline justify-between">
        <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-zinc-400">
          {label}
        </label>
        <span
          data-testid={`${testId}-counter`}
          aria-label={
            limit.unit === 'tokens' ? t`${label}: ${count} of ${max} tokens (estimated)` : t`${label}: ${count} of ${max} characters`
          }
          title={limit.unit === 'tokens' ? TOKEN_HINT : t`One per Unicode character`}
          className={`text-xs tabular-nums ${cut ? 'font-semibold text-amber-300' : 'text-zinc-500'}`}
        >
          {limit.unit === 'tokens' ? t`${count}/${max} tokens` : `${count}/${max}`}
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
      {limit.unit === 'tokens' && <p className="text-[11px] text-zinc-500">≈ {TOKEN_HINT}</p>}
      {cut && (
        <p id={`${id}-cut`} role="status" className="rounded-md bg-amber-500/10 p-2 text-xs text-amber-200">
          {limit.unit === 'tokens' ? t`Past ${max} tokens the model cuts the rest:` : t`Past ${max} characters the model cuts the rest:`}{' '}
          <mark data-user-content className="bg-amber-400/30 text-amber-100">
            {cut}
          </mark>
        </p>
      )}
    </div>
  )
}

/** The negative prompt: the same editor, counted against the vendor's 500 characters. */
export function NegativePromptEditor({ value, onChange, placeholder }: Pick<Props, 'value' | 'onChange' | 'placeholder'>) {
  const { t } = useLingui()
  return (
    <PromptEditor
      label={t`Negative prompt`}
      testId="negative-prompt"
      value={value}
      onChange={onChange}
      limit={{ unit: 'chars', max: LIMITS.negativePromptMaxChars }}
      rows={2}
      placeholder={placeholder}
    />
  )
}
