import { useStorageEstimate } from '../api/storage-estimate.ts'
import { formatBytes } from '../format.ts'
import { useLingui } from '@lingui/react/macro'

/** How much of the browser's storage the studio uses, and whether it is kept (persistent). */
export function StorageMeter() {
  const { t } = useLingui()
  const { data } = useStorageEstimate()
  if (!data || !data.quota) return null
  const share = Math.min(1, data.usage / data.quota)
  const used = formatBytes(data.usage)
  const quota = formatBytes(data.quota)
  const text = t`${used} of ${quota}`
  const bar = share > 0.9 ? 'bg-red-400' : share > 0.7 ? 'bg-amber-400' : 'bg-violet-400'
  return (
    <div
      className="flex items-center gap-2 text-xs text-zinc-400"
      title={
        data.persisted
          ? t`Persistent storage: the browser will not clear the gallery on its own.`
          : t`Not persistent: under storage pressure the browser may clear it. Export to keep a copy.`
      }
    >
      <div
        role="meter"
        aria-label={t`Storage used`}
        aria-valuemin={0}
        aria-valuemax={data.quota}
        aria-valuenow={data.usage}
        aria-valuetext={text}
        className="h-1.5 w-20 overflow-hidden rounded-full bg-zinc-800"
      >
        <div className={`h-full ${bar}`} style={{ width: `${Math.max(2, share * 100)}%` }} />
      </div>
      <span className="tabular-nums">{text}</span>
      {data.persisted && <span className="sr-only">{t`(persistent)`}</span>}
    </div>
  )
}
