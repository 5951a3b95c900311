import type { ReactNode } from 'react'
import type { ImageRecord } from '../../../lib/records.ts'
import { findModel } from '../../../shared/models.ts'
import { formatDateTime, formatSize } from '../format.ts'
import { formatPrice, regionPrice } from '../../../lib/format-price.ts'
import type { MessageDescriptor } from '@lingui/core'
import { msg, t } from '@lingui/core/macro'
import { useLingui } from '@lingui/react'

const KIND_LABELS: Record<ImageRecord['kind'], MessageDescriptor> = { t2i: msg`Text to image`, edit: msg`Edit`, input: msg`Edit input` }

function field(term: string, value: ReactNode, mono = false, user = false) {
  return (
    <div key={term} className="grid grid-cols-[7.5rem_1fr] gap-2 py-1">
      <dt className="text-zinc-500">{term}</dt>
      <dd
        data-user-content={user || undefined}
        className={`min-w-0 whitespace-pre-wrap break-words text-zinc-200 ${mono ? 'font-mono text-[11px]' : ''}`}
      >
        {value}
      </dd>
    </div>
  )
}

/** A seed shared by several outputs remakes the set, not this image alone: say so. */
export function seedText(r: Pick<ImageRecord, 'seed' | 'outputs'>): string {
  if (r.seed === undefined) return t`random`
  const { seed, outputs } = r
  return outputs > 1 ? t`${seed} (shared by the ${outputs} images of one request: it remakes the set, not this image alone)` : String(seed)
}

/** Every field the studio keeps about an image. */
export function ImageMetadata({ record: r }: { record: ImageRecord }) {
  const { i18n } = useLingui()
  const model = findModel(r.model)
  // Yuan in Beijing, dollars in Singapore, as the lineup's price table gives them.
  const price = model ? regionPrice(r.model, r.region, 1) : { amount: r.price, currency: 'USD' as const }
  return (
    <dl className="divide-y divide-zinc-800/70 text-xs">
      {field(t`Prompt`, r.prompt || '—', false, true)}
      {r.negativePrompt && field(t`Negative prompt`, r.negativePrompt, false, true)}
      {r.actualPrompt && field(t`Actual prompt`, r.actualPrompt, false, true)}
      {field(t`Model`, model ? `${model.label} (${r.model})` : r.model, false, true)}
      {field(t`Kind`, i18n._(KIND_LABELS[r.kind]))}
      {field(t`Size`, formatSize(r.size, r.width, r.height))}
      {field(t`Seed`, seedText(r))}
      {field(t`Prompt extend`, r.promptExtend ? t`on` : t`off`)}
      {field(t`Watermark`, r.watermark ? t`on` : t`off`)}
      {field(t`Region`, r.region === 'beijing' ? t`Beijing` : t`Singapore`)}
      {field(t`Price`, formatPrice(price.amount, price.currency, i18n.locale))}
      {field(t`Created`, formatDateTime(r.createdAt))}
      {r.requestId && field(t`Request ID`, r.requestId, true, true)}
      {r.taskId && field(t`Task ID`, r.taskId, true, true)}
      {field(t`Image ID`, r.id, true, true)}
    </dl>
  )
}
