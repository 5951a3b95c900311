import type { Toast } from '../hooks/use-toasts.ts'
import { useLingui } from '@lingui/react/macro'

/** The gallery's messages, bottom right; errors are alerts, the rest polite status updates. */
export function GalleryToasts({ toasts, onDismiss }: { toasts: readonly Toast[]; onDismiss: (id: number) => void }) {
  const { t: tr } = useLingui()
  return (
    <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2">
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.tone === 'error' ? 'alert' : 'status'}
          className={`pointer-events-auto flex items-start gap-3 rounded-lg border px-3 py-2 text-sm shadow-lg shadow-black/40 ${
            t.tone === 'error' ? 'border-red-500/40 bg-red-950/90 text-red-100' : 'border-zinc-700 bg-zinc-900/95 text-zinc-100'
          }`}
        >
          <p className="flex-1">{t.message}</p>
          {t.action && (
            <button
              type="button"
              className="text-sm font-semibold text-violet-300 hover:text-violet-200"
              onClick={() => {
                t.action!.run()
                onDismiss(t.id)
              }}
            >
              {t.action.label}
            </button>
          )}
          <button type="button" aria-label={tr`Dismiss`} className="text-zinc-500 hover:text-zinc-300" onClick={() => onDismiss(t.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  )
}
