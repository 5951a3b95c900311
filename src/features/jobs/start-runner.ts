/**
 * Builds the page's job client. Loaded with import() after the first paint: the queue, keeping
 * and thumbnail code is not needed to show the studio.
 */
import type { QueryClient } from '@tanstack/react-query'
import { firstPaint } from '../../lib/paint-marks.ts'
import { checkImageTexts, holdTextChecks } from '../../lib/text-check/text-check-queue.ts'
import { imageBytesQuery, imageRecordQuery } from '../../lib/image-data.ts'
import { jobRepo } from './api/job-repo.ts'
import { addPreview, jobsQuery } from './api/jobs-query.ts'
import { setQueueView } from './api/queue-query.ts'
import { JobClient } from './job-client.ts'
import { keepResults, previewRecord, type KeepHooks } from './keep-results.ts'
import { submitterId } from './submitter.ts'

/** Shows a result the moment its bytes arrive, while it is being written to IndexedDB. */
function previewInCache(client: QueryClient): NonNullable<KeepHooks['onPreview']> {
  return (job, record, blob) => {
    client.setQueryData(imageRecordQuery(record.id).queryKey, record)
    client.setQueryData(imageBytesQuery(record.id).queryKey, blob)
    addPreview(client, job.id, record.id)
  }
}

/** How long a result's thumbnail waits for the result's first paint (it may be off screen). */
const PAINT_WAIT_MS = 500

export function startRunner(client: QueryClient): JobClient {
  const preview = previewInCache(client)
  return new JobClient({
    repo: jobRepo(),
    submitter: submitterId(),
    keep: async (job, links, bytes) => {
      // No text check starts while results are being shown and kept: they have the machine first.
      const release = holdTextChecks()
      try {
        const ids = await keepResults(job, links, bytes, { onPreview: preview, painted: (id) => firstPaint(id, PAINT_WAIT_MS) })
        // Once kept, the poster text check reads them in its own worker (nothing to wait for here).
        checkImageTexts(ids)
        return ids
      } finally {
        release()
      }
    },
    preview: (job, link, index, blob) => {
      const record = previewRecord(job, link, index, blob)
      if (record) preview(job, record, blob)
    },
    known: (id) => client.getQueryData(jobsQuery.queryKey)?.find((j) => j.id === id),
    onQueue: (view) => setQueueView(client, view),
  })
}
