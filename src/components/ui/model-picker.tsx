import { useId } from 'react'
import { describeRateLimit, type ModelInfo, type Region } from '../../shared/models.ts'
import { formatPrice } from '../../lib/format-price.ts'

interface Props {
  models: readonly ModelInfo[]
  region: Region
  value: string
  onChange: (model: string) => void
}

const yuan = (cny: number) => `¥${cny.toFixed(cny < 0.1 ? 3 : 2)}`

/** Families first, each followed by its dated snapshots; the region's price, preview and slow limits said. */
export function ModelPicker({ models, region, value, onChange }: Props) {
  const id = useId()
  const selected = models.find((m) => m.id === value)
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-zinc-400">
        Model
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="rounded-lg border border-zinc-700 bg-zinc-900 px-3 py-1.5 text-sm outline-none focus:border-violet-400"
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.id} — {m.priceEstimated ? '≈' : ''}
            {formatPrice(m.pricePerImage[region], 6)}/image{m.preview ? ' · preview, needs access' : ''}
          </option>
        ))}
      </select>
      {selected && (
        <p className="text-[11px] text-zinc-500" aria-label="Price and limits">
          {selected.label} · {yuan(selected.priceCny[region])}/image in {region === 'beijing' ? 'Beijing' : 'Singapore'} · at most{' '}
          {describeRateLimit(selected.rateLimit)}
          {selected.preview ? ' · limited preview: apply for access in the Model Gallery first' : ''}
        </p>
      )}
    </div>
  )
}
