/**
 * Builds the page's job runner. Loaded with import() after the first paint: the queue, retry and
 * thumbnail code is not needed to show the studio.
 */
import type { QueryClient } from '@tanstack/react-query'
import { api } from '../../lib/api-client.ts'
import type { JobRecord } from '../../lib/records.ts'
import { resolveStoredInputs } from '../../lib/stored-inputs.ts'
import { checkImageTexts } from '../../lib/text-check/text-check-queue.ts'
import { imageBytesQuery, imageRecordQuery } from '../../lib/image-data.ts'
import { studioConfigQuery } from '../../lib/studio-config.ts'
import { MINUTE_MS } from '../../shared/models.ts'
import { jobRepo } from './api/job-repo.ts'
import { jobsQuery } from './api/jobs-query.ts'
import { JobRunner } from './job-runner.ts'
import { keepResults, type KeepHooks } from './keep-results.ts'

/** Shows a result the moment its bytes arrive, while it is being written to IndexedDB. */
function previewInCache(client: QueryClient): KeepHooks['onPreview'] {
  return (job, record, blob) => {
    client.setQueryData(imageRecordQuery(record.id).queryKey, record)
    client.setQueryData(imageBytesQuery(record.id).queryKey, blob)
    client.setQueryData(jobsQuery.queryKey, (jobs: JobRecord[] | undefined) =>
      jobs?.map((j) => (j.id === job.id ? { ...j, imageIds: [...new Set([...j.imageIds, record.id])] } : j)),
    )
  }
}

export function startRunner(client: QueryClient): JobRunner {
  void client.prefetchQuery(studioConfigQuery)
  return new JobRunner({
    minuteMs: () => client.getQueryData(studioConfigQuery.queryKey)?.rateLimitMinuteMs ?? MINUTE_MS,
    repo: jobRepo(),
    api,
    keep: async (job, links) => {
      const ids = await keepResults(job, links, { onPreview: previewInCache(client) })
      // Once kept, the poster text check reads them in its own worker (nothing to wait for here).
      checkImageTexts(ids)
      return ids
    },
    prepare: resolveStoredInputs,
  })
}
