import { useEffect, useState } from 'react'
import { useLingui } from '@lingui/react/macro'

/** Seconds since `from` (until `to`), ticking while open-ended. */
export function Elapsed({ from, to }: { from: number; to?: number }) {
  const { t, i18n } = useLingui()
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (to) return
    const timer = setInterval(() => setNow(Date.now()), 250)
    return () => clearInterval(timer)
  }, [to])
  const s = Math.max(0, ((to ?? now) - from) / 1000)
  const seconds = s.toLocaleString(i18n.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const minutes = Math.floor(s / 60)
  const rest = Math.round(s % 60)
  return <span className="tabular-nums">{s < 60 ? t`${seconds} s` : t`${minutes} min ${rest} s`}</span>
}
