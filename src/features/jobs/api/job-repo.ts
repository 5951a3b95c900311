/** Job records in IndexedDB. Every read is re-parsed; every write is announced to other tabs. */
import { unwrap, type IDBPDatabase } from 'idb'
import { studioDB, type StudioDB } from '../../../lib/db.ts'
import { newestRows } from '../../../lib/newest-rows.ts'
import { broadcast } from '../../../lib/studio-bus.ts'
import { ACTIVE_JOB_STATUSES, JobRecord, type JobPatch } from '../../../lib/records.ts'

export type DBProvider = () => Promise<IDBPDatabase<StudioDB>>

export function jobRepo(db: DBProvider = studioDB) {
  const parse = (v: unknown) => {
    const r = JobRecord.safeParse(v)
    return r.success ? r.data : undefined
  }
  return {
    async put(job: JobRecord): Promise<JobRecord> {
      const record = JobRecord.parse(job)
      await (await db()).put('jobs', record)
      broadcast({ type: 'jobs-changed', ids: [record.id] })
      return record
    },

    async get(id: string): Promise<JobRecord | undefined> {
      return parse(await (await db()).get('jobs', id))
    },

    /** Read-modify-write in one transaction; returns the new record (undefined if it is gone). */
    async update(id: string, patch: (job: JobRecord) => JobPatch): Promise<JobRecord | undefined> {
      const conn = await db()
      const tx = conn.transaction('jobs', 'readwrite')
      const current = parse(await tx.store.get(id))
      if (!current) {
        await tx.done
        return undefined
      }
      const next = JobRecord.parse({ ...current, ...patch(current), updatedAt: Date.now() })
      await tx.store.put(next)
      await tx.done
      broadcast({ type: 'jobs-changed', ids: [id] })
      return next
    },

    /** Newest first, in one request where the browser can (see newestRows). */
    async recent(limit = 200): Promise<JobRecord[]> {
      const index = unwrap((await db()).transaction('jobs').store.index('by-created'))
      const { rows } = await newestRows(index, null, limit)
      return rows.map((r) => parse(r.value)).filter((j): j is JobRecord => !!j)
    },

    /** Jobs that were not finished when the page last closed, oldest first; one transaction. */
    async active(): Promise<JobRecord[]> {
      const byStatus = (await db()).transaction('jobs').store.index('by-status')
      const rows = await Promise.all(ACTIVE_JOB_STATUSES.map((s) => byStatus.getAll(s)))
      return rows
        .flat()
        .map(parse)
        .filter((j): j is JobRecord => !!j)
        .sort((a, b) => a.createdAt - b.createdAt)
    },

    async remove(id: string): Promise<void> {
      await (await db()).delete('jobs', id)
      broadcast({ type: 'jobs-changed', ids: [id] })
    },
  }
}

export type JobRepo = ReturnType<typeof jobRepo>
