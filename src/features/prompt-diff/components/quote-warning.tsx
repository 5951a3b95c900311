import type { QuoteCheck } from '../prompt-diff.ts'
import { Trans, useLingui } from '@lingui/react/macro'

/** Warns about quoted passages (text to be drawn) that the rewrite changed or dropped. */
export function QuoteWarning({ quotes }: { quotes: QuoteCheck[] }) {
  const { t } = useLingui()
  const touched = quotes.filter((q) => q.status !== 'kept')
  if (touched.length === 0) return null
  return (
    <div role="alert" className="rounded-lg border border-amber-500/40 bg-amber-500/10 p-3 text-sm text-amber-200">
      <p className="font-medium">
        <Trans>Quoted text changed by the rewrite:</Trans>
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5">
        {touched.map((q, i) => (
          <li key={i}>
            <span data-user-content>“{q.text}”</span>{' '}
            <span className="text-amber-300/80">
              {q.status === 'dropped' ? t`— dropped` : q.rewrittenAs ? t`— now “${q.rewrittenAs}”` : t`— altered`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}
