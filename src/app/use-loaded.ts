import { useEffect, useState } from 'react'

/**
 * What `promise` resolves to, undefined until then; a rejection is thrown to the nearest error
 * boundary. For code split off the initial bundle that should show the moment it has loaded:
 * a React.lazy component shows through its Suspense boundary's retry, and React holds such a
 * retry back until 300 ms after the boundary's fallback appeared; an ordinary state update,
 * as here, renders at once.
 */
export function useLoaded<T>(promise: Promise<T>): T | undefined {
  const [settled, setSettled] = useState<{ promise: Promise<T> } & ({ value: T } | { error: unknown })>()
  useEffect(() => {
    let live = true
    promise.then(
      (value) => live && setSettled({ promise, value }),
      (error: unknown) => live && setSettled({ promise, error }),
    )
    return () => {
      live = false
    }
  }, [promise])
  if (settled?.promise !== promise) return undefined
  if ('error' in settled) throw settled.error
  return settled.value
}
