import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { JobRecord } from '../../lib/records.ts'
import type { JobRunner } from './job-runner.ts'

/** What the UI asks of the runner; each call waits for the runner's code to have loaded. */
export interface RunnerHandle {
  enqueue: (job: JobRecord) => Promise<JobRecord>
  cancel: (id: string) => Promise<void>
  dismiss: (id: string) => Promise<void>
  retry: (id: string) => Promise<void>
}

const RunnerContext = createContext<RunnerHandle | null>(null)

const LOCK = 'qwen-image-studio-job-runner'

/**
 * One runner per page. Only one tab at a time resumes unfinished jobs (a Web Lock), so two open
 * tabs never send the same job twice; when that tab closes, another takes over and resumes.
 */
export function JobRunnerProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient()
  const [loaded] = useState(() => import('./start-runner.ts').then((m) => m.startRunner(client)))
  const [handle] = useState<RunnerHandle>(() => {
    const call =
      <A extends unknown[], R>(fn: (r: JobRunner, ...args: A) => Promise<R>) =>
      async (...args: A) =>
        fn(await loaded, ...args)
    return {
      enqueue: call((r, job: JobRecord) => r.enqueue(job)),
      cancel: call((r, id: string) => r.cancel(id)),
      dismiss: call((r, id: string) => r.dismiss(id)),
      retry: call((r, id: string) => r.retry(id)),
    }
  })
  useEffect(() => {
    const abort = new AbortController()
    const hold = async () => {
      await (await loaded).resume()
      await new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve()))
    }
    if (navigator.locks) void navigator.locks.request(LOCK, { signal: abort.signal }, hold).catch(() => {})
    else void loaded.then((r) => r.resume())
    return () => abort.abort()
  }, [loaded])
  return <RunnerContext.Provider value={handle}>{children}</RunnerContext.Provider>
}

export function useJobRunner(): RunnerHandle {
  const runner = useContext(RunnerContext)
  // eslint-disable-next-line lingui/no-unlocalized-strings -- a programming error, never shown to users
  if (!runner) throw new Error('useJobRunner needs a JobRunnerProvider')
  return runner
}
