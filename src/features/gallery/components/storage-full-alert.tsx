import { useLingui } from '@lingui/react/macro'

/** Shown when a write was refused for lack of space (here or in another tab): offers an export. */
export function StorageFullAlert({ message, onExport, onDismiss }: { message: string; onExport: () => void; onDismiss: () => void }) {
  const { t } = useLingui()
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-red-500/40 bg-red-500/10 px-3 py-2 text-sm text-red-100"
    >
      <p className="min-w-60 flex-1">{message}</p>
      <button
        type="button"
        onClick={onExport}
        className="rounded-md bg-red-500/80 px-3 py-1 text-xs font-semibold text-white hover:bg-red-500"
      >
        {t`Export gallery`}
      </button>
      <button type="button" onClick={onDismiss} className="text-xs text-red-200 underline-offset-2 hover:underline">
        {t`Dismiss`}
      </button>
    </div>
  )
}
