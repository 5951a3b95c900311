/**
 * The studio server's job queue, from the browser: hand a job over, cancel, retry, collect a
 * result's bytes, acknowledge. Every answer is parsed with the shared schemas; every failure is a
 * StudioError. The events come by Server-Sent Events (job-client.ts).
 */
import { toStudioError } from '../../../lib/studio-error.ts'
import { StudioError } from '../../../shared/studio-error.ts'
import { ErrorBody } from '../../../shared/schemas.ts'
import { JOB_ROUTES, ServerJob, type JobSubmission } from '../../../shared/studio-jobs.ts'

async function send(path: string, init?: RequestInit): Promise<Response> {
  let res: Response
  try {
    res = await fetch(path, init)
  } catch (error) {
    throw toStudioError(error)
  }
  if (res.ok) return res
  const body = ErrorBody.safeParse(await res.json().catch(() => undefined))
  throw new StudioError({
    code: body.success ? body.data.code : `HTTP${res.status}`,
    message: body.success ? body.data.message : `The studio server answered ${res.status}.`,
    status: res.status,
    requestId: body.success ? body.data.request_id : undefined,
  })
}

async function jobFrom(res: Response): Promise<ServerJob> {
  const parsed = ServerJob.safeParse(await res.json())
  if (!parsed.success)
    throw new StudioError({
      code: 'UnexpectedResponse',
      message: 'Unexpected answer from the studio’s queue.',
      status: res.status,
      retryable: false,
    })
  return parsed.data
}

const withSubmitter = (path: string, submitter: string) => `${path}?submitter=${encodeURIComponent(submitter)}`

export const serverJobs = {
  submit: async (job: JobSubmission) =>
    jobFrom(
      await send(JOB_ROUTES.submit, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(job),
      }),
    ),
  cancel: async (id: string, submitter: string) => jobFrom(await send(withSubmitter(JOB_ROUTES.cancel(id), submitter), { method: 'POST' })),
  retry: async (id: string, submitter: string) => jobFrom(await send(withSubmitter(JOB_ROUTES.retry(id), submitter), { method: 'POST' })),
  acknowledge: async (id: string, submitter: string) =>
    jobFrom(await send(withSubmitter(JOB_ROUTES.ack(id), submitter), { method: 'POST' })),
  image: async (id: string, index: number, submitter: string): Promise<Blob> =>
    (await send(withSubmitter(JOB_ROUTES.image(id, index), submitter))).blob(),
  eventsUrl: (submitter: string) => withSubmitter(JOB_ROUTES.events, submitter),
}
