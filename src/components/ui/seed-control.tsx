import { useId } from 'react'
import { checkSeed } from '../../lib/seed.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  seedText: string
  locked: boolean
  onSeedText: (text: string) => void
  onLocked: (locked: boolean) => void
  onRoll: () => void
}

/** Seed: lock it to reuse, or leave it unlocked for a new random seed each time (always sent). */
export function SeedControl({ seedText, locked, onSeedText, onLocked, onRoll }: Props) {
  const { t } = useLingui()
  const id = useId()
  const check = checkSeed(seedText)
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-zinc-400">
        <Trans>Seed</Trans>
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          inputMode="numeric"
          value={seedText}
          onChange={(e) => {
            onSeedText(e.target.value)
            onLocked(true)
          }}
          aria-invalid={!check.ok}
          aria-describedby={!check.ok ? `${id}-error` : undefined}
          className={`min-w-0 flex-1 rounded-lg border bg-zinc-900 px-3 py-1.5 font-mono text-sm outline-none focus:border-violet-400 ${
            check.ok ? 'border-zinc-700' : 'border-red-500'
          }`}
        />
        <button
          type="button"
          aria-pressed={locked}
          aria-label={locked ? t`Seed locked` : t`Seed unlocked`}
          title={locked ? t`Locked: every run uses this seed` : t`Unlocked: every run picks a new random seed`}
          onClick={() => onLocked(!locked)}
          className={`rounded-lg border px-2.5 text-sm ${locked ? 'border-violet-400 bg-violet-500/20 text-violet-100' : 'border-zinc-700 text-zinc-400'}`}
        >
          <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
            <rect x="4" y="9" width="12" height="8" rx="1.5" />
            <path d={locked ? 'M7 9V6.5a3 3 0 0 1 6 0V9' : 'M7 9V6.5a3 3 0 0 1 5.6-1.5'} />
          </svg>
        </button>
        <button
          type="button"
          aria-label={t`New random seed`}
          title={t`New random seed`}
          onClick={onRoll}
          className="rounded-lg border border-zinc-700 px-2.5 text-sm text-zinc-300 hover:border-zinc-500"
        >
          <svg viewBox="0 0 20 20" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" aria-hidden>
            <rect x="3" y="3" width="14" height="14" rx="3" />
            <circle cx="7" cy="7" r="1" fill="currentColor" />
            <circle cx="13" cy="13" r="1" fill="currentColor" />
            <circle cx="10" cy="10" r="1" fill="currentColor" />
          </svg>
        </button>
      </div>
      {!check.ok && locked && (
        <p id={`${id}-error`} role="alert" className="text-xs text-red-300">
          {check.error}
        </p>
      )}
    </div>
  )
}

/** The seed fields of a panel's form store (compose and edit share them). */
export interface SeedForm {
  seedText: string
  seedLocked: boolean
  rollSeed: () => void
  set: (patch: { seedText?: string; seedLocked?: boolean }) => void
}

/** SeedControl wired to a panel's form. */
export function FormSeedControl({ form }: { form: SeedForm }) {
  return (
    <SeedControl
      seedText={form.seedText}
      locked={form.seedLocked}
      onSeedText={(seedText) => form.set({ seedText })}
      onLocked={(seedLocked) => form.set({ seedLocked })}
      onRoll={form.rollSeed}
    />
  )
}
