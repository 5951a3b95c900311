import { useQueryClient, type QueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { api } from '../../lib/api-client.ts'
import { resolveStoredInputs } from '../../lib/stored-inputs.ts'
import { jobRepo } from './api/job-repo.ts'
import { JobRunner } from './job-runner.ts'
import { imageBlobQuery, imageRecordQuery } from '../../lib/stored-images.ts'
import type { JobRecord } from '../../lib/records.ts'
import { jobsQuery } from './api/jobs-query.ts'
import { keepResults, type KeepHooks } from './keep-results.ts'

/** Shows a result the moment its bytes arrive, while it is being written to IndexedDB. */
function previewInCache(client: QueryClient): KeepHooks['onPreview'] {
  return (job, record, blob) => {
    client.setQueryData(imageRecordQuery(record.id).queryKey, record)
    client.setQueryData(imageBlobQuery(record.id).queryKey, blob)
    client.setQueryData(jobsQuery.queryKey, (jobs: JobRecord[] | undefined) =>
      jobs?.map((j) => (j.id === job.id ? { ...j, imageIds: [...new Set([...j.imageIds, record.id])] } : j)),
    )
  }
}

const RunnerContext = createContext<JobRunner | null>(null)

const LOCK = 'qwen-image-studio-job-runner'

/**
 * One runner per page. Only one tab at a time runs the queue (a Web Lock), so two open tabs
 * never send the same job twice; when that tab closes, another takes over and resumes.
 */
export function JobRunnerProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient()
  const [runner] = useState(
    () =>
      new JobRunner({
        repo: jobRepo(),
        api,
        keep: (job, links) => keepResults(job, links, { onPreview: previewInCache(client) }),
        prepare: resolveStoredInputs,
      }),
  )
  useEffect(() => {
    const abort = new AbortController()
    const hold = () =>
      new Promise<void>((resolve) => {
        void runner.resume()
        abort.signal.addEventListener('abort', () => resolve())
      })
    if (navigator.locks) void navigator.locks.request(LOCK, { signal: abort.signal }, hold).catch(() => {})
    else void runner.resume()
    return () => abort.abort()
  }, [runner])
  return <RunnerContext.Provider value={runner}>{children}</RunnerContext.Provider>
}

export function useJobRunner(): JobRunner {
  const runner = useContext(RunnerContext)
  if (!runner) throw new Error('useJobRunner needs a JobRunnerProvider')
  return runner
}
