import type { JobRecord } from '../lib/records.ts'
import type { Region } from '../shared/models.ts'

/** A fresh job record for a request (status 'queued'; the runner writes it before sending). */
export function newJob(
  kind: JobRecord['kind'],
  request: JobRecord['request'],
  region: Region,
  extra: Partial<Pick<JobRecord, 'batchId' | 'batchLabel' | 'inputIds'>> = {},
  order = 0,
): JobRecord {
  const now = Date.now()
  return {
    id: crypto.randomUUID(),
    kind,
    createdAt: now + order / 1000,
    updatedAt: now,
    status: 'queued',
    request,
    region,
    attempts: 0,
    imageIds: [],
    inputIds: [],
    ...extra,
  }
}
