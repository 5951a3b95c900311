import type { ReactNode } from 'react'
import type { ImageRecord } from '../../../lib/records.ts'
import { findModel } from '../../../shared/models.ts'
import { formatDateTime, formatPrice, formatSize } from '../format.ts'

const KIND_LABELS: Record<ImageRecord['kind'], string> = { t2i: 'Text to image', edit: 'Edit', input: 'Edit input' }

function field(term: string, value: ReactNode, mono = false) {
  return (
    <div key={term} className="grid grid-cols-[7.5rem_1fr] gap-2 py-1">
      <dt className="text-zinc-500">{term}</dt>
      <dd className={`min-w-0 whitespace-pre-wrap break-words text-zinc-200 ${mono ? 'font-mono text-[11px]' : ''}`}>{value}</dd>
    </div>
  )
}

/** A seed shared by several outputs remakes the set, not this image alone: say so. */
export function seedText(r: Pick<ImageRecord, 'seed' | 'outputs'>): string {
  if (r.seed === undefined) return 'random'
  return r.outputs > 1
    ? `${r.seed} (shared by the ${r.outputs} images of one request: it remakes the set, not this image alone)`
    : String(r.seed)
}

/** Every field the studio keeps about an image. */
export function ImageMetadata({ record: r }: { record: ImageRecord }) {
  const model = findModel(r.model)
  return (
    <dl className="divide-y divide-zinc-800/70 text-xs">
      {field('Prompt', r.prompt || '—')}
      {r.negativePrompt && field('Negative prompt', r.negativePrompt)}
      {r.actualPrompt && field('Actual prompt', r.actualPrompt)}
      {field('Model', model ? `${model.label} (${r.model})` : r.model)}
      {field('Kind', KIND_LABELS[r.kind])}
      {field('Size', formatSize(r.size, r.width, r.height))}
      {field('Seed', seedText(r))}
      {field('Prompt extend', r.promptExtend ? 'on' : 'off')}
      {field('Watermark', r.watermark ? 'on' : 'off')}
      {field('Region', r.region === 'beijing' ? 'Beijing' : 'Singapore')}
      {field('Price', formatPrice(r.price))}
      {field('Created', formatDateTime(r.createdAt))}
      {r.requestId && field('Request ID', r.requestId, true)}
      {r.taskId && field('Task ID', r.taskId, true)}
      {field('Image ID', r.id, true)}
    </dl>
  )
}
