import { TextCheckBadge, TextCheckDetails } from '../../../components/ui/text-check-badge.tsx'
import { useImageObjectUrl, useImageRecord } from '../../../lib/image-data.ts'
import { markFirstPaint } from '../../../lib/paint-marks.ts'
import type { TextCheck } from '../../../lib/records.ts'
import { useTextCheckProgress } from '../../../lib/text-check/text-check-queue.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  id: string
  onOpenDiff?: (original: string, rewritten: string) => void
  /** Clicking the result puts it on the stage. */
  onShow?: () => void
}

/** A kept result, read from IndexedDB at full resolution and drawn small (the stage shows it large). */
export function JobImage({ id, onOpenDiff, onShow }: Props) {
  const { t } = useLingui()
  const query = useImageRecord(id)
  const record = query.data
  const url = useImageObjectUrl(id)
  if (query.isSuccess && !record)
    return (
      <p className="rounded-lg bg-zinc-950 p-3 text-xs text-zinc-500">
        <Trans>Deleted from the gallery</Trans>
      </p>
    )
  return (
    <figure className="flex items-start gap-2">
      <button
        type="button"
        aria-label={record ? t`Show on stage: ${record.prompt}` : t`Show on stage`}
        onClick={onShow}
        disabled={!onShow}
        className="flex h-14 items-center justify-center overflow-hidden rounded-md bg-zinc-950"
        style={{ aspectRatio: record ? `${record.width} / ${record.height}` : '1' }}
      >
        {url && record ? (
          <img src={url} alt={record.prompt} onLoad={() => markFirstPaint('painted', id)} className="h-full w-full object-contain" />
        ) : null}
      </button>
      {record && <JobTextCheck id={id} check={record.textCheck} />}
      {record?.actualPrompt && record.actualPrompt !== record.prompt && onOpenDiff && (
        <button
          type="button"
          onClick={() => onOpenDiff(record.prompt, record.actualPrompt!)}
          className="self-start text-xs text-violet-300 underline-offset-2 hover:underline"
        >
          <Trans>Show prompt rewrite</Trans>
        </button>
      )}
    </figure>
  )
}

/** The poster text check of a result: ✓, or ⚠ with what was read instead. */
function JobTextCheck({ id, check }: { id: string; check?: TextCheck }) {
  const progress = useTextCheckProgress()
  const checking = progress.running === id || progress.queued.includes(id)
  if (!checking && !check) return null
  return (
    <div className="flex flex-col items-start gap-1">
      <TextCheckBadge check={check} checking={checking} />
      {!checking && check?.status === 'wrong' && <TextCheckDetails check={check} />}
    </div>
  )
}
