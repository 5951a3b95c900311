import type { DiffPart } from '../prompt-diff.ts'
import { InlineDiff } from './inline-diff.tsx'
import { Trans, useLingui } from '@lingui/react/macro'

/** Original and rewritten prompts in two columns, each with its own side of the changes marked. */
export function SideBySideDiff({ parts }: { parts: DiffPart[] }) {
  const { t } = useLingui()
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <section aria-label={t`Original prompt`} className="rounded-lg border border-zinc-800 bg-zinc-950/60 p-3">
        <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-zinc-400">
          <Trans>Original</Trans>
        </h3>
        <InlineDiff parts={parts} show="original" />
      </section>
      <section aria-label={t`Rewritten prompt`} className="rounded-lg border border-zinc-800 bg-zinc-950/60 p-3">
        <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-zinc-400">
          <Trans>Rewritten</Trans>
        </h3>
        <InlineDiff parts={parts} show="rewritten" />
      </section>
    </div>
  )
}
