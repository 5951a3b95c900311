import { plural } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'

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
  const { t } = useLingui()
  return (
    <div
      role="toolbar"
      aria-label={t`Selection`}
      className="flex flex-wrap items-center gap-2 rounded-lg border border-violet-500/30 bg-violet-500/10 px-3 py-1.5"
    >
      <span className="text-xs text-violet-100">{plural(count, { one: '# selected', other: '# selected' })}</span>
      <button type="button" className={button} onClick={onExport} disabled={exporting}>
        <Trans>Export selected</Trans>
      </button>
      <button type="button" className={`${button} hover:border-red-400`} onClick={onDelete}>
        <Trans>Delete selected</Trans>
      </button>
      <button type="button" className={button} onClick={onClear}>
        <Trans>Clear selection</Trans>
      </button>
    </div>
  )
}
