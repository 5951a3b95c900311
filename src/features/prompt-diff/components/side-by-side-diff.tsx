import type { DiffPart } from '../prompt-diff.ts'
import { InlineDiff } from './inline-diff.tsx'

/** Original and rewritten prompts in two columns, each with its own side of the changes marked. */
export function SideBySideDiff({ parts }: { parts: DiffPart[] }) {
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <section aria-label="Original prompt" className="rounded-lg border border-zinc-800 bg-zinc-950/60 p-3">
        <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-zinc-400">Original</h3>
        <InlineDiff parts={parts} show="original" />
      </section>
      <section aria-label="Rewritten prompt" className="rounded-lg border border-zinc-800 bg-zinc-950/60 p-3">
        <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-zinc-400">Rewritten</h3>
        <InlineDiff parts={parts} show="rewritten" />
      </section>
    </div>
  )
}
