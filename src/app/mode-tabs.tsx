import { useRef, type KeyboardEvent } from 'react'
import { useStudioMode } from './studio-mode-store.ts'
import { useLingui } from '@lingui/react/macro'

const MODES = ['generate', 'edit'] as const

/** The two modes as tabs: one Tab stop, arrow keys (and Home / End) move between them (roving tabindex). */
export function ModeTabs() {
  const { t } = useLingui()
  const { mode, setMode } = useStudioMode()
  const list = useRef<HTMLDivElement>(null)
  const onKeyDown = (e: KeyboardEvent) => {
    const at = MODES.indexOf(mode)
    const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: MODES.length - 1 }[e.key]
    if (to === undefined) return
    e.preventDefault()
    const next = (to + MODES.length) % MODES.length
    setMode(MODES[next]!)
    list.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus()
  }
  return (
    <div
      ref={list}
      role="tablist"
      aria-label={t`Mode`}
      onKeyDown={onKeyDown}
      className="grid shrink-0 grid-cols-2 rounded-lg bg-zinc-900 p-1 text-sm"
    >
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={mode === m}
          tabIndex={mode === m ? 0 : -1}
          onClick={() => setMode(m)}
          className={`min-h-11 rounded-md py-1.5 font-medium sm:min-h-9 ${mode === m ? 'bg-zinc-700 text-zinc-50' : 'text-zinc-300 hover:text-zinc-100'}`}
        >
          {m === 'generate' ? t`Text to image` : t`Edit images`}
        </button>
      ))}
    </div>
  )
}
