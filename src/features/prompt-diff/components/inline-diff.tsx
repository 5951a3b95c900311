import type { DiffPart } from '../prompt-diff.ts'
import { useLingui } from '@lingui/react/macro'

const INS = 'rounded-sm bg-emerald-500/15 text-emerald-300 no-underline'
const DEL = 'rounded-sm bg-rose-500/15 text-rose-300 line-through decoration-rose-300/70'

interface Props {
  parts: DiffPart[]
  /** Which changes to draw: both (inline diff), or one side of a side-by-side view. */
  show?: 'both' | 'original' | 'rewritten'
}

/** The diff as running text: insertions in <ins>, deletions in <del>, announced to screen readers. */
export function InlineDiff({ parts, show = 'both' }: Props) {
  const { t } = useLingui()
  return (
    <p data-user-content className="whitespace-pre-wrap break-words text-sm leading-relaxed text-zinc-200">
      {parts.map((part, i) => {
        if (part.kind === 'same') return <span key={i}>{part.text}</span>
        if (part.kind === 'added') {
          if (show === 'original') return null
          return (
            <span key={i}>
              <span className="sr-only">{t`[added: `}</span>
              <ins className={INS}>{part.text}</ins>
              <span className="sr-only">]</span>
            </span>
          )
        }
        if (show === 'rewritten') return null
        return (
          <span key={i}>
            <span className="sr-only">{t`[removed: `}</span>
            <del className={DEL}>{part.text}</del>
            <span className="sr-only">]</span>
          </span>
        )
      })}
    </p>
  )
}
