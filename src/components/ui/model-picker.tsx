import { useId } from 'react'
import type { ModelInfo, Region } from '../../shared/models.ts'
import { formatPrice } from '../../lib/format-price.ts'

interface Props {
  models: readonly ModelInfo[]
  region: Region
  value: string
  onChange: (model: string) => void
}

export function ModelPicker({ models, region, value, onChange }: Props) {
  const id = useId()
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
            {m.id} — {formatPrice(m.pricePerImage[region], 6)}/image
          </option>
        ))}
      </select>
    </div>
  )
}
