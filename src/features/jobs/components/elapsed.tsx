import { useEffect, useState } from 'react'

/** Seconds since `from` (until `to`), ticking while open-ended. */
export function Elapsed({ from, to }: { from: number; to?: number }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (to) return
    const t = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(t)
  }, [to])
  const s = Math.max(0, ((to ?? now) - from) / 1000)
  return <span className="tabular-nums">{s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`}</span>
}
