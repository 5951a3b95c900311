import type { ImageRecord } from '../../../lib/records.ts'
import { formatDuration } from '../format.ts'
import { useNow } from '../hooks/use-now.ts'
import { Trans, useLingui } from '@lingui/react/macro'

/** The image is always kept locally; the vendor's link, if any, is shown as what it is: temporary. */
export function LinkState({ record }: { record: ImageRecord }) {
  const { t } = useLingui()
  const now = useNow(15_000)
  const expires = record.remoteExpiresAt
  let link: { text: string; tone: string } | undefined // no expiry known: imported or an edit input
  if (expires !== undefined)
    link =
      expires <= now
        ? { text: t`link expired`, tone: 'text-zinc-500' }
        : { text: t`link expires in ${formatDuration(expires - now)}`, tone: 'text-amber-200' }
  return (
    <p className="flex flex-wrap items-center gap-2 text-xs">
      <span className="rounded-full bg-emerald-500/15 px-2 py-0.5 font-medium text-emerald-200">
        <Trans>Kept locally</Trans>
      </span>
      {link && <span className={link.tone}>{link.text}</span>}
    </p>
  )
}
