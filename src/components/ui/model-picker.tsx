import { useId } from 'react'
import type { ModelInfo, Region } from '../../shared/models.ts'
import { formatPrice, regionPrice } from '../../lib/format-price.ts'
import { rateLimitText } from '../../lib/i18n/rate-limit-text.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  models: readonly ModelInfo[]
  region: Region
  value: string
  onChange: (model: string) => void
}

/** Families first, each followed by its dated snapshots; the region's price, preview and slow limits said. */
export function ModelPicker({ models, region, value, onChange }: Props) {
  const { t, i18n } = useLingui()
  const id = useId()
  const price = (m: ModelInfo) => {
    const { amount, currency } = regionPrice(m.id, region, 1)
    return formatPrice(amount, currency, i18n.locale, 6)
  }
  const regionName = region === 'beijing' ? t`Beijing` : t`Singapore`
  const selected = models.find((m) => m.id === value)
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-zinc-400">
        <Trans>Model</Trans>
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-lg border border-zinc-700 bg-zinc-900 px-3 py-1.5 text-sm outline-none focus:border-violet-400"
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.preview
              ? t`${m.id} — ${m.priceEstimated ? '≈' : ''}${price(m)}/image · preview, needs access`
              : t`${m.id} — ${m.priceEstimated ? '≈' : ''}${price(m)}/image`}
          </option>
        ))}
      </select>
      {selected && (
        <p className="text-[11px] text-zinc-500" aria-label={t`Price and limits`}>
          {/* the model's product name, the same in every language */}
          <span translate="no">{selected.label}</span> ·{' '}
          {t`${price(selected)}/image in ${regionName} · at most ${rateLimitText(selected.rateLimit)}`}
          {selected.preview ? t` · limited preview: apply for access in the Model Gallery first` : ''}
        </p>
      )}
    </div>
  )
}
