import type { DragEvent } from 'react'
import { useImageRecord, useImageThumb } from '../../../lib/image-data.ts'
import type { EditInput } from '../edit-store.ts'
import { useLingui } from '@lingui/react/macro'

interface Props {
  input: EditInput
  index: number
  count: number
  onInsert: (label: string) => void
  onMove: (from: number, to: number) => void
  onRemove: (index: number) => void
}

function Thumb({ input }: { input: EditInput }) {
  const stored = useImageThumb(input.kind === 'stored' ? input.id : null).data ?? undefined
  const src = input.kind === 'stored' ? stored : input.url
  return src ? (
    <img src={src} alt="" className="h-16 w-16 rounded-md object-cover" />
  ) : (
    <span className="h-16 w-16 rounded-md bg-zinc-800" />
  )
}

/** One ordered input: "Image N". Click inserts the name into the instruction; drag or arrows reorder. */
export function InputChip({ input, index, count, onInsert, onMove, onRemove }: Props) {
  const { t } = useLingui()
  // The name the model reads in the instruction, in the instruction's language.
  const label = t`Image ${index + 1}`
  const record = useImageRecord(input.kind === 'stored' ? input.id : null).data
  const name = input.kind === 'stored' ? (record?.prompt ?? '') : input.url
  const size = input.kind === 'stored' ? (record ? `${record.width}×${record.height}` : '') : `${input.width}×${input.height}`
  const onDragStart = (e: DragEvent) => e.dataTransfer.setData('application/x-edit-input', String(index))
  const onDrop = (e: DragEvent) => {
    const from = Number(e.dataTransfer.getData('application/x-edit-input'))
    if (Number.isInteger(from)) onMove(from, index)
  }
  return (
    <li
      draggable
      onDragStart={onDragStart}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
      aria-label={t`${label}: ${name}`}
      className="flex items-center gap-2 rounded-lg border border-zinc-700 bg-zinc-900 p-1.5"
    >
      <Thumb input={input} />
      <div className="flex flex-col gap-1">
        <button
          type="button"
          onClick={() => onInsert(label)}
          title={t`Insert “${label}” into the instruction`}
          className="rounded bg-violet-500/20 px-2 py-0.5 text-xs font-semibold text-violet-100 hover:bg-violet-500/30"
        >
          {label}
        </button>
        <span data-user-content className="max-w-28 truncate text-[11px] text-zinc-400" title={name}>
          {name} · {size}
        </span>
        <div className="flex gap-1 text-xs">
          <button
            type="button"
            aria-label={t`Move ${label} earlier`}
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
            className="rounded border border-zinc-700 px-1.5 disabled:opacity-30"
          >
            ←
          </button>
          <button
            type="button"
            aria-label={t`Move ${label} later`}
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
            className="rounded border border-zinc-700 px-1.5 disabled:opacity-30"
          >
            →
          </button>
          <button
            type="button"
            aria-label={t`Remove ${label}`}
            onClick={() => onRemove(index)}
            className="rounded border border-zinc-700 px-1.5 text-red-300"
          >
            ✕
          </button>
        </div>
      </div>
    </li>
  )
}
