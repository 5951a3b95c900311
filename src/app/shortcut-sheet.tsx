import { useEffect, useRef } from 'react'
import { SHORTCUTS } from './shortcuts.ts'
import { useLingui } from '@lingui/react'
import { Trans } from '@lingui/react/macro'

/** The "?" sheet: every shortcut, in a modal dialog (Escape closes it). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { i18n } = useLingui()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      aria-labelledby="shortcut-sheet-title"
      onClose={onClose}
      className="m-auto rounded-xl border border-zinc-700 bg-zinc-900 p-5 text-zinc-100 backdrop:bg-black/60"
    >
      <h2 id="shortcut-sheet-title" className="mb-3 text-base font-semibold">
        <Trans>Keyboard shortcuts</Trans>
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
        {SHORTCUTS.map((s) => (
          <div key={s.does.id} className="contents">
            <dt className="flex gap-1">
              {s.keys.map((k) => (
                <kbd key={typeof k === 'string' ? k : k.id} className="rounded border border-zinc-600 bg-zinc-800 px-1.5 font-mono text-xs">
                  {typeof k === 'string' ? k : i18n._(k)}
                </kbd>
              ))}
            </dt>
            <dd className="text-zinc-300">{i18n._(s.does)}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 flex justify-end">
        <button type="submit" className="rounded-lg border border-zinc-700 px-3 py-1.5 text-sm">
          <Trans>Close</Trans>
        </button>
      </form>
    </dialog>
  )
}
