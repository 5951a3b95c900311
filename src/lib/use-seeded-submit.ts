import { useState, type FormEvent, type KeyboardEvent } from 'react'
import { checkSeed, randomSeed } from './seed.ts'

interface Options {
  seedText: string
  seedLocked: boolean
  /** Shows the seed an unlocked run picked, so the result can be reproduced. */
  setSeedText: (text: string) => void
  /** A reason the form cannot be sent yet, or null. */
  blocker: () => string | null
  send: (seed: number) => Promise<void>
}

/**
 * Submitting a form that always sends a seed: the locked one (validated) or a fresh random one.
 * Gives the form's submit and Ctrl/Cmd+Enter handlers, a busy flag and the error to show.
 */
export function useSeededSubmit({ seedText, seedLocked, setSeedText, blocker, send }: Options) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const seedCheck = checkSeed(seedText)

  const submit = async (e?: FormEvent) => {
    e?.preventDefault()
    const blocked = blocker()
    if (blocked) return setError(blocked)
    let seed: number
    if (seedLocked) {
      if (!seedCheck.ok) return setError(seedCheck.error)
      seed = seedCheck.value
    } else {
      seed = randomSeed()
      setSeedText(String(seed))
    }
    setError(null)
    setBusy(true)
    try {
      await send(seed)
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
    } finally {
      setBusy(false)
    }
  }

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault()
      void submit()
    }
  }

  return { submit, onKeyDown, error, busy, seedCheck, seedOk: !seedLocked || seedCheck.ok }
}
