import type { JobRef } from '../jobs-store.ts'
import { useTask } from '../api/task-query.ts'
import { useResultImage } from '../api/result-image.ts'

export function JobCard({ job }: { job: JobRef }) {
  const task = useTask(job.taskId)
  const output = task.data?.output
  const first = output?.results?.[0]
  const url = first && 'url' in first ? first.url : undefined
  const image = useResultImage(url)
  const status = output?.task_status ?? 'SUBMITTED'
  const error = task.error ?? image.error ?? (output?.task_status === 'FAILED' ? { message: output.message ?? output.code } : null)
  const [w, h] = job.size.split('*').map(Number)

  return (
    <article className="overflow-hidden rounded-xl border border-zinc-800 bg-zinc-900" aria-label={`Job: ${job.prompt}`}>
      <div className="flex items-center justify-center bg-zinc-950" style={{ aspectRatio: w && h ? `${w} / ${h}` : '1' }}>
        {image.objectUrl ? (
          <img src={image.objectUrl} alt={job.prompt} className="h-full w-full object-contain" />
        ) : (
          <span className="text-sm text-zinc-500">{error ? 'No image' : 'Generating…'}</span>
        )}
      </div>
      <div className="flex items-center justify-between gap-2 p-3 text-xs">
        <p className="line-clamp-2 text-zinc-300">{job.prompt}</p>
        <span role="status" className="shrink-0 rounded bg-zinc-800 px-2 py-0.5 font-mono text-zinc-300">
          {status}
        </span>
      </div>
      {error && <p role="alert" className="px-3 pb-3 text-xs text-red-300">{error.message}</p>}
    </article>
  )
}
