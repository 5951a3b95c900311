import type { JobPatch, JobRecord, JobWork } from '../lib/records.ts'
import type { Region } from '../shared/models.ts'

type Extra = Pick<JobPatch, 'batchId' | 'batchLabel' | 'inputIds'>

/** A fresh job record for a request (status 'queued'; the runner writes it before sending). */
export function newJob(work: JobWork, region: Region, extra: Extra = {}, order = 0): JobRecord {
  const now = Date.now()
  const fields = {
    id: crypto.randomUUID(),
    createdAt: now + order / 1000,
    updatedAt: now,
    status: 'queued' as const,
    region,
    attempts: 0,
    imageIds: [],
    inputIds: [],
    ...extra,
  }
  return work.kind === 't2i' ? { ...fields, kind: 't2i', request: work.request } : { ...fields, kind: 'edit', request: work.request }
}
