import { useEffect, useState } from 'react'
import type { MessageDescriptor } from '@lingui/core'
import { msg, plural } from '@lingui/core/macro'
import { Trans, useLingui } from '@lingui/react/macro'
import { findModel } from '../../../shared/models.ts'
import { rateLimitText } from '../../../lib/i18n/rate-limit-text.ts'
import { Button } from '../../../components/ui/button.tsx'
import type { JobRecord } from '../../../lib/records.ts'
import { toStudioError } from '../../../lib/studio-error.ts'
import { adviceFor } from '../error-advice.ts'
import { requestSummary } from '../request-summary.ts'
import { useJobRunner } from '../runner-context.tsx'
import { Elapsed } from './elapsed.tsx'
import { JobImage } from './job-image.tsx'

const STATUS_TEXT: Record<JobRecord['status'], MessageDescriptor> = {
  queued: msg`Queued`,
  submitting: msg`Sending`,
  pending: msg`Pending`,
  running: msg`Running`,
  saving: msg`Saving`,
  succeeded: msg`Done`,
  failed: msg`Failed`,
  canceled: msg`Canceled`,
  interrupted: msg`Interrupted`,
  dismissed: msg`Dismissed`,
}

/** A batch's label as stored ("seed 42", "extend on", "16:9"), in the active language. */
function batchLabelText(label: string, t: (d: MessageDescriptor) => string): string {
  const seed = /^seed (\d+)$/.exec(label)?.[1]
  if (seed) return t(msg`seed ${seed}`)
  if (label === 'extend on') return t(msg`extend on`)
  if (label === 'extend off') return t(msg`extend off`)
  return label
}

const STATUS_STYLE: Partial<Record<JobRecord['status'], string>> = {
  succeeded: 'bg-emerald-500/15 text-emerald-200',
  failed: 'bg-red-500/15 text-red-200',
  interrupted: 'bg-amber-500/15 text-amber-200',
  running: 'bg-violet-500/20 text-violet-100',
  pending: 'bg-sky-500/15 text-sky-200',
}

/** "Waiting for qwen-image-max's limit (2 per minute): 6 s", counting down. */
function RateWait({ job }: { job: JobRecord }) {
  const { t } = useLingui()
  const [now, setNow] = useState(Date.now)
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500)
    return () => clearInterval(timer)
  }, [])
  const until = job.rateLimitedUntil ?? 0
  if (until <= now) return null
  const limit = findModel(job.request.model)?.rateLimit
  const model = job.request.model
  const wait = Math.ceil((until - now) / 1000)
  return (
    <p aria-label={t`Rate limit wait`} className="rounded-md bg-sky-500/10 p-2 text-xs text-sky-200">
      {limit
        ? t`Waiting for ${model}’s limit (${rateLimitText(limit)}): sends in ${wait} s`
        : t`Waiting for ${model}’s limit: sends in ${wait} s`}
    </p>
  )
}

/** "2 ahead: you 1, others 1": the account-wide queue before this job, in counts. */
function Ahead({ ahead }: { ahead: { mine: number; others: number } }) {
  const { t } = useLingui()
  const total = ahead.mine + ahead.others
  const { mine, others } = ahead
  return (
    <p aria-label={t`Queue position`} className="text-xs text-zinc-400">
      {total === 0 ? t`Next to send` : t`${total} ahead: you ${mine}, others ${others}`}
    </p>
  )
}

interface Props {
  job: JobRecord
  /** Jobs the server will send before this one, this browser's and others'. */
  ahead?: { mine: number; others: number }
  renderDiff?: (original: string, rewritten: string, job: JobRecord) => React.ReactNode
  /** Extra actions under each result image (e.g. continue editing, compare). */
  renderImageActions?: (job: JobRecord, imageId: string) => React.ReactNode
  /** Puts one of this job's results on the stage. */
  onShow?: (imageId: string, jobImageIds: readonly string[]) => void
}

/** One job in the queue strip: compact, its results as small thumbnails that open on the stage. */
export function JobCard({ job, ahead, renderDiff, renderImageActions, onShow }: Props) {
  const { t, i18n } = useLingui()
  const runner = useJobRunner()
  const [actionError, setActionError] = useState<string | null>(null)
  const [diff, setDiff] = useState<{ original: string; rewritten: string } | null>(null)
  const s = requestSummary(job.request)
  const act = (fn: () => Promise<void>) => () => {
    setActionError(null)
    fn().catch((e: unknown) => setActionError(toStudioError(e).message))
  }
  const advice = job.error ? i18n._(adviceFor(job.error.code)) : undefined
  const active = ['queued', 'submitting', 'pending', 'running', 'saving'].includes(job.status)

  return (
    <article
      aria-label={t`Job ${s.prompt}`}
      data-status={job.status}
      className="flex w-72 shrink-0 flex-col gap-1.5 overflow-y-auto rounded-xl *:shrink-0 border border-zinc-800 bg-zinc-900 p-2"
    >
      <header className="flex items-center gap-2 text-xs">
        <span
          role="status"
          aria-label={t`Job status`}
          className={`rounded px-2 py-0.5 font-medium ${STATUS_STYLE[job.status] ?? 'bg-zinc-800 text-zinc-300'}`}
        >
          {i18n._(STATUS_TEXT[job.status])}
        </span>
        <span className="min-w-0 flex-1 truncate text-zinc-400">
          {[
            s.model,
            s.size.replace('*', '×'),
            job.kind === 'edit' ? t`${s.images.length} in → ${s.n} out` : s.n > 1 ? plural(s.n, { one: '# image', other: '# images' }) : '',
            t`seed ${s.seed ?? '—'}`,
            job.batchLabel ? batchLabelText(job.batchLabel, (d) => i18n._(d)) : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </span>
        <span className="text-zinc-400">
          <Elapsed from={job.createdAt} to={active ? undefined : (job.finishedAt ?? job.updatedAt)} />
        </span>
      </header>
      <p data-user-content className="truncate text-sm text-zinc-300">
        {s.prompt}
      </p>
      {job.status === 'queued' && ahead && <Ahead ahead={ahead} />}
      {job.status === 'queued' && job.rateLimitedUntil !== undefined && <RateWait job={job} />}
      {job.imageIds.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {job.imageIds.map((id) => (
            <div key={id} className="flex flex-wrap items-start gap-2">
              <JobImage
                id={id}
                onShow={onShow ? () => onShow(id, job.imageIds) : undefined}
                onOpenDiff={renderDiff ? (original, rewritten) => setDiff({ original, rewritten }) : undefined}
              />
              {renderImageActions?.(job, id)}
            </div>
          ))}
        </div>
      )}
      {diff && renderDiff?.(diff.original, diff.rewritten, job)}
      {job.error && (
        <div role="alert" className="rounded-md bg-red-500/10 p-2 text-xs text-red-200">
          <p className="font-semibold">{advice}</p>
          {/* The error as the API gave it (its contract is English), for support and searches. */}
          <p lang="en" translate="no" className="mt-1 break-words text-red-300/90">
            {job.error.code}: {job.error.message}
          </p>
        </div>
      )}
      {actionError && (
        <p role="alert" className="text-xs text-amber-200">
          {actionError}
        </p>
      )}
      <footer className="flex flex-wrap gap-2">
        {(job.status === 'queued' || job.status === 'pending') && <Button onClick={act(() => runner.cancel(job.id))}>{t`Cancel`}</Button>}
        {(job.status === 'running' || job.status === 'submitting') && (
          <Button onClick={act(() => runner.dismiss(job.id))} title={t`Stop waiting; DashScope may still finish (and bill) it`}>
            <Trans>Dismiss</Trans>
          </Button>
        )}
        {(job.status === 'failed' || job.status === 'interrupted' || job.status === 'canceled' || job.status === 'dismissed') && (
          <Button onClick={act(() => runner.retry(job.id))}>{t`Retry`}</Button>
        )}
      </footer>
    </article>
  )
}
