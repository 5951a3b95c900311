import { useEffect, useState } from 'react'
import { useLingui } from '@lingui/react/macro'

type CopyState = { status: 'idle' } | { status: 'copied' } | { status: 'failed'; reason: string }

const RESET_AFTER_MS = 2000

/** Copies `text` to the clipboard and says so ("Copied") for a moment, or why it could not. */
export function CopyPromptButton({ text, className }: { text: string; className: string }) {
  const { t } = useLingui()
  const [state, setState] = useState<CopyState>({ status: 'idle' })

  useEffect(() => {
    if (state.status === 'idle') return
    const timer = setTimeout(() => setState({ status: 'idle' }), RESET_AFTER_MS)
    return () => clearTimeout(timer)
  }, [state])

  const copy = async () => {
    try {
      // Absent outside secure contexts (e.g. the studio opened over plain http on a LAN address).
      if (!(navigator.clipboard as Clipboard | undefined)) throw new Error(t`the clipboard is not available on this page`)
      await navigator.clipboard.writeText(text)
      setState({ status: 'copied' })
    } catch (err) {
      setState({ status: 'failed', reason: err instanceof Error ? err.message : String(err) })
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        {state.status === 'copied' ? t`Copied` : state.status === 'failed' ? t`Copy failed` : t`Copy rewritten prompt`}
      </button>
      <span role="status" className="sr-only">
        {state.status === 'copied' && t`Rewritten prompt copied to the clipboard`}
        {state.status === 'failed' && t`Could not copy: ${state.reason}`}
      </span>
    </>
  )
}
