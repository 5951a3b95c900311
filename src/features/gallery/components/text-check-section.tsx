import { TextCheckBadge, TextCheckDetails } from '../../../components/ui/text-check-badge.tsx'
import type { ImageRecord } from '../../../lib/records.ts'
import { cancelTextChecks, checkImageTexts, expectedTexts, useTextCheckProgress } from '../../../lib/text-check/text-check-queue.ts'
import { Trans, useLingui } from '@lingui/react/macro'

const button = 'rounded-md border border-zinc-700 px-2.5 py-1 text-xs text-zinc-300 hover:border-violet-400'

/** The detail's poster text check: each quoted string's verdict and diff; check (again) or cancel. */
export function TextCheckSection({ record }: { record: ImageRecord }) {
  const { t } = useLingui()
  const progress = useTextCheckProgress()
  if (record.kind === 'input' || expectedTexts(record.prompt).length === 0) return null
  const checking = progress.running === record.id || progress.queued.includes(record.id)
  return (
    <section aria-label={t`Poster text`} className="flex flex-col gap-2 rounded-md border border-zinc-800 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-xs font-semibold text-zinc-300">
          <Trans>Poster text</Trans>
        </h3>
        <TextCheckBadge check={record.textCheck} checking={checking} />
        {checking ? (
          <button type="button" className={button} onClick={cancelTextChecks}>
            <Trans>Cancel text check</Trans>
          </button>
        ) : (
          <button type="button" className={button} onClick={() => checkImageTexts([record.id])}>
            {record.textCheck ? t`Check text again` : t`Check text`}
          </button>
        )}
      </div>
      {record.textCheck && !checking && <TextCheckDetails check={record.textCheck} />}
    </section>
  )
}
