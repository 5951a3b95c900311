// @vitest-environment node
import 'fake-indexeddb/auto'
import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import type { JobRecord, JobStatus } from '../../../lib/records.ts'
import { jobRepo } from './job-repo.ts'
import { addPreview, jobsQuery } from './jobs-query.ts'

const job = (id: string, status: JobStatus): JobRecord => ({
  id,
  kind: 't2i',
  createdAt: 1,
  updatedAt: 1,
  status,
  request: { model: 'qwen-image-plus', input: { prompt: 'p' } },
  region: 'singapore',
  attempts: 0,
  imageIds: [],
  inputIds: [],
})

describe('results shown before they are kept', () => {
  it('stay in the jobs list when it is read again, until the job is kept (or ends without them)', async () => {
    const repo = jobRepo()
    const client = new QueryClient()
    const imageIds = async (id: string) => (await client.fetchQuery({ ...jobsQuery, staleTime: 0 })).find((j) => j.id === id)?.imageIds
    await repo.put(job('job-preview-01', 'running'))
    await repo.put(job('job-preview-02', 'saving'))
    await client.fetchQuery(jobsQuery)
    addPreview(client, 'job-preview-01', 'job-preview-01-0')
    addPreview(client, 'job-preview-02', 'job-preview-02-0')
    expect(client.getQueryData(jobsQuery.queryKey)?.find((j) => j.id === 'job-preview-01')?.imageIds).toEqual(['job-preview-01-0'])
    // the job's record is written (now "saving") and the list read again: the image is still there
    await repo.update('job-preview-01', () => ({ status: 'saving' }))
    expect(await imageIds('job-preview-01')).toEqual(['job-preview-01-0'])
    // kept: the record's own ids; failed to keep: none, and the preview is forgotten
    await repo.update('job-preview-01', () => ({ status: 'succeeded', imageIds: ['job-preview-01-0'] }))
    await repo.update('job-preview-02', () => ({ status: 'failed' }))
    expect(await imageIds('job-preview-01')).toEqual(['job-preview-01-0'])
    expect(await imageIds('job-preview-02')).toEqual([])
    await repo.update('job-preview-02', () => ({ status: 'saving' }))
    expect(await imageIds('job-preview-02')).toEqual([])
  })
})
