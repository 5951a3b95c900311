import type { TextCheck } from '../../lib/records.ts'
import { i18n } from '@lingui/core'
import { msg, plural, t } from '@lingui/core/macro'
import { Trans } from '@lingui/react/macro'

type Match = TextCheck['matches'][number]

const LABELS = { ok: msg`Text correct`, wrong: msg`Text wrong`, failed: msg`Text not checked` } as const

/** One line of a summary: each string with what went wrong. */
function summary(check: TextCheck): string {
  if (check.status === 'failed') return check.error ?? i18n._(LABELS.failed)
  return check.matches
    .map((m) =>
      m.verdict === 'exact'
        ? `✓ ${m.expected}`
        : m.verdict === 'missing'
          ? t`✗ ${m.expected}: not found`
          : t`⚠ ${m.expected}: read "${m.read}"`,
    )
    .join('\n')
}

/**
 * The poster text check on a thumbnail or a card: ✓ when every quoted string was read exactly,
 * ⚠ when one was not (its title lists what was read), "…" while it is being read.
 */
export function TextCheckBadge({ check, checking = false, className = '' }: { check?: TextCheck; checking?: boolean; className?: string }) {
  if (checking)
    return (
      <span role="status" className={`rounded bg-zinc-950/80 whitespace-nowrap px-1.5 py-0.5 text-[10px] text-zinc-300 ${className}`}>
        <Trans>Checking text…</Trans>
      </span>
    )
  if (!check) return null
  const tone =
    check.status === 'ok'
      ? 'bg-emerald-700 text-white'
      : check.status === 'wrong'
        ? 'bg-amber-500 text-black'
        : 'bg-zinc-700/90 text-zinc-200'
  const icon = check.status === 'ok' ? '✓' : check.status === 'wrong' ? '⚠' : '?'
  return (
    <span
      data-testid="text-check-badge"
      data-status={check.status}
      title={summary(check)}
      className={`rounded whitespace-nowrap px-1.5 py-0.5 text-[11px] font-semibold shadow ${tone} ${className}`}
    >
      <span aria-hidden>{icon}</span> {i18n._(LABELS[check.status])}
    </span>
  )
}

/** Expected and read, character by character, for a string read close: what is missing from the image, what it has instead. */
function TextDiff({ match }: { match: Match }) {
  return (
    <div className="font-mono text-xs leading-relaxed" aria-label={t`Text diff for ${match.expected}`}>
      <div>
        <span className="mr-2 inline-block w-16 text-zinc-500">
          <Trans>expected</Trans>
        </span>
        {match.diff
          .filter((p) => p.op !== 'extra')
          .map((p, i) => (
            <span key={i} className={p.op === 'missing' ? 'rounded bg-rose-500/30 text-rose-100 underline' : 'text-zinc-200'}>
              {p.text}
            </span>
          ))}
      </div>
      <div>
        <span className="mr-2 inline-block w-16 text-zinc-500">
          <Trans>read</Trans>
        </span>
        {match.diff
          .filter((p) => p.op !== 'missing')
          .map((p, i) => (
            <span key={i} className={p.op === 'extra' ? 'rounded bg-amber-400/30 text-amber-100 underline' : 'text-zinc-200'}>
              {p.text}
            </span>
          ))}
      </div>
    </div>
  )
}

/** The whole check: each quoted string's verdict, with the diff of those not read exactly. */
export function TextCheckDetails({ check }: { check: TextCheck }) {
  if (check.status === 'failed') return <p className="text-xs text-zinc-400">{check.error ?? i18n._(LABELS.failed)}</p>
  return (
    <ul className="flex flex-col gap-2" aria-label={t`Text check`}>
      {check.matches.map((m, i) => (
        <li key={i} className="flex flex-col gap-1">
          <span className="text-xs">
            <span aria-hidden>{m.verdict === 'exact' ? '✓ ' : '⚠ '}</span>
            <span data-user-content>“{m.expected}”</span>{' '}
            <span className="text-zinc-500">
              {m.verdict === 'exact'
                ? t`exact`
                : m.verdict === 'close'
                  ? plural(m.distance, { one: '# character off', other: '# characters off' })
                  : t`not found`}
            </span>
          </span>
          {m.verdict === 'close' && <TextDiff match={m} />}
        </li>
      ))}
    </ul>
  )
}
