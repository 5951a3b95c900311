import type { Inspection } from '../inspect-file.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  inspection: Inspection
  busy: boolean
  onFix: () => void
  onDiscard: () => void
}

/** A file that breaks a rule, with the fix the studio can make. */
export function InputFixCard({ inspection, busy, onFix, onDiscard }: Props) {
  const { t } = useLingui()
  const { sizeFix, tooManyBytes, decodable } = inspection
  const action = !decodable
    ? null
    : sizeFix.kind === 'downscale'
      ? t`Downscale to ${sizeFix.to.width}×${sizeFix.to.height}`
      : sizeFix.kind === 'upscale'
        ? t`Upscale to ${sizeFix.to.width}×${sizeFix.to.height}`
        : sizeFix.kind === 'none' && tooManyBytes
          ? t`Re-encode to fit 10 MB`
          : null
  return (
    <div role="alert" className="flex flex-col gap-2 rounded-lg border border-amber-600/50 bg-amber-500/10 p-3 text-sm text-amber-100">
      <p>{inspection.problem}</p>
      {sizeFix.kind === 'upscale' && (
        <p className="text-xs text-amber-200/80">
          <Trans>Upscaling cannot add detail; the result may look soft.</Trans>
        </p>
      )}
      {sizeFix.kind === 'impossible' && <p className="text-xs text-amber-200/80">{sizeFix.reason}</p>}
      {!decodable && (
        <p className="text-xs text-amber-200/80">
          <Trans>This browser cannot decode it to fix it; convert it to PNG or JPEG first.</Trans>
        </p>
      )}
      <div className="flex gap-2">
        {action && (
          <button
            type="button"
            disabled={busy}
            onClick={onFix}
            className="rounded-lg bg-amber-500 px-3 py-1 text-xs font-semibold text-zinc-950 disabled:opacity-50"
          >
            {busy ? t`Working…` : action}
          </button>
        )}
        <button type="button" onClick={onDiscard} className="rounded-lg border border-amber-600/50 px-3 py-1 text-xs">
          <Trans>Discard</Trans>
        </button>
      </div>
    </div>
  )
}
