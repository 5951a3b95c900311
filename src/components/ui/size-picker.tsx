import { useId } from 'react'
import { chooseSize, type SizeRule } from '../../shared/size-rules.ts'
import { sizeReasonText } from '../../lib/i18n/size-reason.ts'
import { formatSizeValue, parseSize } from '../../shared/sizes.ts'
import { SIZE_PRESETS } from './size-presets.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  rule: SizeRule
  /** "W*H" as typed; '' for auto when `autoLabel` is given. */
  value: string
  onChange: (size: string) => void
  ratioLocked: boolean
  onRatioLocked: (locked: boolean) => void
  /** Offer "Auto" (send no size), described by this text. */
  autoLabel?: string
  /** The size "Custom" starts from when leaving auto (e.g. the last input's ratio). */
  customStart?: string
}

const sideInput = 'w-24 rounded-lg border border-zinc-700 bg-zinc-900 px-2 py-1 text-sm tabular-nums'

/** Width x height with a ratio lock and presets, and the size the model will actually make. */
export function SizePicker({ rule, value, onChange, ratioLocked, onRatioLocked, autoLabel, customStart }: Props) {
  const { t } = useLingui()
  const id = useId()
  const auto = value === ''
  const typed = parseSize(value) ?? parseSize(customStart ?? '') ?? { width: 1024, height: 1024 }
  const sent = chooseSize(rule, typed.width, typed.height)
  const setSide = (side: 'width' | 'height', raw: string) => {
    const v = Math.round(Number(raw))
    if (!Number.isFinite(v) || v <= 0) return
    const ratio = typed.width / typed.height
    const width = side === 'width' ? v : ratioLocked ? Math.round(v * ratio) : typed.width
    const height = side === 'height' ? v : ratioLocked ? Math.round(v / ratio) : typed.height
    onChange(formatSizeValue(width, height))
  }
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-xs font-medium uppercase tracking-wide text-zinc-400">
        <Trans>Size</Trans>
      </legend>
      {autoLabel !== undefined && (
        <div className="flex gap-3 text-sm text-zinc-300" role="radiogroup" aria-label={t`Size mode`}>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} checked={auto} onChange={() => onChange('')} /> <Trans>Auto</Trans>
          </label>
          <label className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-mode`} checked={!auto} onChange={() => onChange(formatSizeValue(typed.width, typed.height))} />{' '}
            <Trans>Custom</Trans>
          </label>
        </div>
      )}
      {auto ? (
        <p className="text-xs text-zinc-400" aria-label={t`Output size`}>
          {autoLabel}
        </p>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <input
              aria-label={t`Width`}
              type="number"
              min={1}
              value={typed.width}
              onChange={(e) => setSide('width', e.target.value)}
              className={sideInput}
            />
            <span aria-hidden className="text-zinc-500">
              ×
            </span>
            <input
              aria-label={t`Height`}
              type="number"
              min={1}
              value={typed.height}
              onChange={(e) => setSide('height', e.target.value)}
              className={sideInput}
            />
            <label className="flex items-center gap-1.5 text-xs text-zinc-400">
              <input type="checkbox" checked={ratioLocked} onChange={(e) => onRatioLocked(e.target.checked)} /> <Trans>Lock ratio</Trans>
            </label>
          </div>
          <div className="flex flex-wrap gap-1.5" aria-label={t`Size presets`} role="group">
            {SIZE_PRESETS.map((p) => (
              <button
                key={`${p.width}x${p.height}`}
                type="button"
                onClick={() => onChange(formatSizeValue(p.width, p.height))}
                className="rounded-full border border-zinc-700 px-2.5 py-0.5 text-[11px] text-zinc-300 hover:border-zinc-500"
              >
                {p.label === 'story' ? t`9:16 story` : p.label === 'A' ? t`A poster 1:1.414` : p.label} {p.width}×{p.height}
              </button>
            ))}
          </div>
          <p aria-live="polite" aria-label={t`Output size`} className={`text-xs ${sent.adjusted ? 'text-amber-200' : 'text-zinc-400'}`}>
            {sent.reason
              ? t`Makes ${sent.width}×${sent.height} (${sizeReasonText(sent.reason, rule)})`
              : t`Makes ${sent.width}×${sent.height}`}
          </p>
        </>
      )}
    </fieldset>
  )
}
