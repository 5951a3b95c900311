import { useQueryClient } from '@tanstack/react-query'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import type { JobRecord } from '../../lib/records.ts'
import type { JobClient } from './job-client.ts'

/** What the UI asks of the runner; each call waits for the runner's code to have loaded. */
export interface RunnerHandle {
  enqueue: (job: JobRecord) => Promise<JobRecord>
  cancel: (id: string) => Promise<void>
  dismiss: (id: string) => Promise<void>
  retry: (id: string) => Promise<void>
}

const RunnerContext = createContext<RunnerHandle | null>(null)

/**
 * One job client per page: it hands jobs to the studio server's queue and follows them there.
 * Every tab listens to the server; handing a job over twice is harmless (its id is the key).
 */
export function JobRunnerProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient()
  const [loaded] = useState(() => import('./start-runner.ts').then((m) => m.startRunner(client)))
  const [handle] = useState<RunnerHandle>(() => {
    const call =
      <A extends unknown[], R>(fn: (r: JobClient, ...args: A) => Promise<R>) =>
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
    let disconnect: (() => void) | undefined
    let gone = false
    void loaded.then((client) => {
      if (!gone) disconnect = client.connect()
    })
    return () => {
      gone = true
      disconnect?.()
    }
  }, [loaded])
  return <RunnerContext.Provider value={handle}>{children}</RunnerContext.Provider>
}

export function useJobRunner(): RunnerHandle {
  const runner = useContext(RunnerContext)
  // eslint-disable-next-line lingui/no-unlocalized-strings -- a programming error, never shown to users
  if (!runner) throw new Error('useJobRunner needs a JobRunnerProvider')
  return runner
}
