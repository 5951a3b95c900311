import { useMemo, useState } from 'react'
import { changedQuotes, diffPrompts, diffStats } from '../prompt-diff.ts'
import { CopyPromptButton } from './copy-prompt-button.tsx'
import { InlineDiff } from './inline-diff.tsx'
import { QuoteWarning } from './quote-warning.tsx'
import { SideBySideDiff } from './side-by-side-diff.tsx'
import type { MessageDescriptor } from '@lingui/core'
import { msg, plural } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  /** What the user sent: the prompt as recorded (the task echoes it as `orig_prompt`). */
  original: string
  /** The model's rewrite (the task's `actual_prompt`). */
  rewritten: string
  /** Put the rewrite in the editor, with prompt extend off. */
  onUseRewritten?: (rewritten: string) => void
  /** Resubmit with the same seed, size and model, the rewritten prompt and prompt extend off. */
  onReplay?: (rewritten: string) => void
}

type Layout = 'diff' | 'side-by-side'

const LAYOUTS: { value: Layout; label: MessageDescriptor }[] = [
  { value: 'diff', label: msg`Diff` },
  { value: 'side-by-side', label: msg`Side by side` },
]

const SECONDARY = 'rounded-lg border border-zinc-700 px-3 py-1.5 text-sm text-zinc-200 hover:border-violet-400 hover:text-violet-100'
const PRIMARY = 'rounded-lg bg-violet-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-violet-500'

/** The user's prompt against the model's rewrite, with what changed marked and ways to reuse it. */
export function PromptDiffView({ original, rewritten, onUseRewritten, onReplay }: Props) {
  const { t, i18n } = useLingui()
  const words = (n: number) => plural(n, { one: '# word', other: '# words' })
  const [layout, setLayout] = useState<Layout>('diff')
  const parts = useMemo(() => diffPrompts(original, rewritten), [original, rewritten])
  const stats = useMemo(() => diffStats(parts), [parts])
  const quotes = useMemo(() => changedQuotes(original, rewritten), [original, rewritten])

  return (
    <section aria-label={t`Prompt rewrite`} className="flex flex-col gap-3 rounded-xl border border-zinc-800 bg-zinc-900 p-4 text-zinc-100">
      <header className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-baseline gap-3">
          <h2 className="text-sm font-semibold text-zinc-100">
            <Trans>Prompt rewrite</Trans>
          </h2>
          <p className="text-xs tabular-nums text-zinc-400">
            <span className="text-emerald-300">+{words(stats.added)}</span> / <span className="text-rose-300">−{words(stats.removed)}</span>
          </p>
        </div>
        <div role="group" aria-label={t`View`} className="flex rounded-lg border border-zinc-700 p-0.5">
          {LAYOUTS.map(({ value, label }) => (
            <button
              key={value}
              type="button"
              aria-pressed={layout === value}
              onClick={() => setLayout(value)}
              className={`rounded-md px-2.5 py-1 text-xs transition ${
                layout === value ? 'bg-violet-500/20 text-violet-100' : 'text-zinc-400 hover:text-zinc-200'
              }`}
            >
              {i18n._(label)}
            </button>
          ))}
        </div>
      </header>

      <QuoteWarning quotes={quotes} />

      {layout === 'diff' ? (
        <div className="rounded-lg border border-zinc-800 bg-zinc-950/60 p-3">
          <InlineDiff parts={parts} />
        </div>
      ) : (
        <SideBySideDiff parts={parts} />
      )}

      <div className="flex flex-wrap items-center gap-2">
        <CopyPromptButton text={rewritten} className={SECONDARY} />
        {onUseRewritten && (
          <button type="button" className={SECONDARY} onClick={() => onUseRewritten(rewritten)}>
            <Trans>Use rewritten prompt</Trans>
          </button>
        )}
        {onReplay && (
          <button
            type="button"
            className={PRIMARY}
            title={t`Same seed, size and model, the rewritten prompt, prompt extend off`}
            onClick={() => onReplay(rewritten)}
          >
            <Trans>Replay exactly</Trans>
          </button>
        )}
      </div>
    </section>
  )
}
