import { formatCount } from '../format.ts'

const button = 'rounded-md border border-zinc-700 px-3 py-1 text-xs font-medium text-zinc-200 hover:border-violet-400 disabled:opacity-50'

interface Props {
  count: number
  onExport: () => void
  exporting: boolean
  onDelete: () => void
  onClear: () => void
}

/** What can be done with the selected images. */
export function SelectionBar({ count, onExport, exporting, onDelete, onClear }: Props) {
  return (
    <div
      role="toolbar"
      aria-label="Selection"
      className="flex flex-wrap items-center gap-2 rounded-lg border border-violet-500/30 bg-violet-500/10 px-3 py-1.5"
    >
      <span className="text-xs text-violet-100">{formatCount(count)} selected</span>
      <button type="button" className={button} onClick={onExport} disabled={exporting}>
        Export selected
      </button>
      <button type="button" className={`${button} hover:border-red-400`} onClick={onDelete}>
        Delete selected
      </button>
      <button type="button" className={button} onClick={onClear}>
        Clear selection
      </button>
    </div>
  )
}
