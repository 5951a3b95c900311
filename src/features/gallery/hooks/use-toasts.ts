import { useCallback, useEffect, useRef, useState } from 'react'

export interface ToastInit {
  message: string
  tone?: 'info' | 'error'
  action?: { label: string; run: () => void }
  /** Default 6 s; 0 keeps it until dismissed. */
  timeoutMs?: number
}

export interface Toast extends ToastInit {
  id: number
}

export type Notify = (toast: ToastInit) => number

/** Transient messages of the gallery (results of actions, Undo offers, errors). */
export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([])
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>())
  const next = useRef(1)

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id))
    timers.current.delete(id)
    setToasts((ts) => ts.filter((t) => t.id !== id))
  }, [])

  const notify = useCallback<Notify>(
    (init) => {
      const id = next.current++
      setToasts((ts) => [...ts.slice(-3), { ...init, id }])
      const timeout = init.timeoutMs ?? 6000
      if (timeout > 0)
        timers.current.set(
          id,
          setTimeout(() => dismiss(id), timeout),
        )
      return id
    },
    [dismiss],
  )

  useEffect(() => {
    const pending = timers.current
    return () => pending.forEach(clearTimeout)
  }, [])

  return { toasts, notify, dismiss }
}
