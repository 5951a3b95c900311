import { create } from 'zustand'
import { useLingui } from '@lingui/react/macro'

export interface Notice {
  /** Already in the active language. */
  message: string
  tone: 'info' | 'error'
}

/** The one message of the last restore from a dropped file (or why nothing was restored). */
export const useRestoreNotice = create<{ notice: Notice | null; show: (n: Notice) => void; clear: () => void }>()((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  clear: () => set({ notice: null }),
}))

export function RestoreNotice() {
  const { t } = useLingui()
  const { notice, clear } = useRestoreNotice()
  if (!notice) return null
  const error = notice.tone === 'error'
  return (
    <div
      role={error ? 'alert' : 'status'}
      aria-label={t`Restore message`}
      className={`flex items-start justify-between gap-3 rounded-lg p-3 text-sm ${error ? 'bg-red-500/10 text-red-200' : 'bg-sky-500/10 text-sky-100'}`}
    >
      <p>{notice.message}</p>
      <button
        type="button"
        onClick={clear}
        className="shrink-0 text-xs text-zinc-400 hover:text-zinc-200"
        aria-label={t`Dismiss restore message`}
      >
        ✕
      </button>
    </div>
  )
}
