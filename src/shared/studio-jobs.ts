/**
 * The studio server's job queue, as the browser and the server both see it: what a browser hands
 * over (its full request, a client job id that is the idempotency key, who submitted it), what
 * the server tells it back by Server-Sent Events, and the routes. The server journals, schedules
 * within the account's limits, polls and fetches results; the browser keeps them and acknowledges.
 */
import * as z from 'zod/mini'
import { STUDIO_ROUTES } from './api-paths.ts'
import { ImageSynthesisRequest, MultimodalRequest } from './schemas.ts'

/** A client job id or a submitter id: random, URL-safe. */
const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/))

export const JobSubmission = z.object({
  id: Id,
  /** The browser's submitter id (random, kept in its localStorage); the studio has no accounts. */
  submitter: Id,
  /** Optional display name; the queue shows counts, never prompts or names of others. */
  name: z.optional(z.string().check(z.maxLength(40))),
  kind: z.enum(['t2i', 'edit']),
  request: z.union([ImageSynthesisRequest, MultimodalRequest]),
})
export type JobSubmission = z.infer<typeof JobSubmission>

export const SERVER_JOB_STATUSES = [
  'queued', // journaled, waiting for a slot (and the account's rate)
  'submitting', // request on the wire, no answer yet
  'pending', // vendor task PENDING
  'running', // vendor task RUNNING, or a sync call in flight
  'fetching', // the vendor answered with links; the server is fetching the bytes
  'succeeded', // bytes held by the server until the browser acknowledges them
  'failed',
  'canceled',
  'interrupted', // the server stopped while the request was on the wire: the result is unknown
] as const
export const ServerJobStatus = z.enum(SERVER_JOB_STATUSES)
export type ServerJobStatus = z.infer<typeof ServerJobStatus>

export const FINISHED_SERVER_STATUSES: readonly ServerJobStatus[] = ['succeeded', 'failed', 'canceled', 'interrupted']

export const ServerJobResult = z.object({
  index: z.number(),
  /** The vendor's link (expires after a day); the bytes are at `jobImagePath`. */
  remoteUrl: z.string(),
  actualPrompt: z.optional(z.string()),
  mime: z.string(),
  bytes: z.number(),
})
export type ServerJobResult = z.infer<typeof ServerJobResult>

/** A job as the server reports it to its submitter (never the request: the browser has it). */
export const ServerJob = z.object({
  id: z.string(),
  /** Bumped by every change: a view older than one already seen (an answer overtaken by an event) is stale. */
  rev: z.number(),
  status: ServerJobStatus,
  taskId: z.optional(z.string()),
  requestId: z.optional(z.string()),
  attempts: z.number(),
  submittedAt: z.optional(z.number()),
  finishedAt: z.optional(z.number()),
  /** Waiting for the model's own limit (2 a minute for the max models) until then (epoch ms). */
  rateLimitedUntil: z.optional(z.number()),
  error: z.optional(
    z.object({ code: z.string(), message: z.string(), requestId: z.optional(z.string()), retryable: z.optional(z.boolean()) }),
  ),
  usage: z.optional(z.object({ width: z.optional(z.number()), height: z.optional(z.number()), image_count: z.number() })),
  results: z.array(ServerJobResult),
  acknowledged: z.boolean(),
})
export type ServerJob = z.infer<typeof ServerJob>

/** The account-wide queue as one submitter may see it: counts, never prompts. */
export const QueueView = z.object({
  running: z.number(),
  queued: z.number(),
  /** Per queued job of this submitter: how many jobs will be sent before it, theirs and others'. */
  ahead: z.record(z.string(), z.object({ mine: z.number(), others: z.number() })),
  /** People with work queued or running (this one included). */
  people: z.number(),
})
export type QueueView = z.infer<typeof QueueView>

/** SSE event names: `job` carries a ServerJob (with an id, for Last-Event-ID); `queue` a QueueView. */
export const JOB_EVENT = 'job'
export const QUEUE_EVENT = 'queue'

const jobPath = (id: string) => `${STUDIO_ROUTES.jobs}/${encodeURIComponent(id)}`

/** Below STUDIO_ROUTES.jobs; every route but submit names the submitter as `?submitter=`. */
export const JOB_ROUTES = {
  submit: STUDIO_ROUTES.jobs,
  events: `${STUDIO_ROUTES.jobs}/events`,
  cancel: (id: string) => `${jobPath(id)}/cancel`,
  retry: (id: string) => `${jobPath(id)}/retry`,
  ack: (id: string) => `${jobPath(id)}/ack`,
  image: (id: string, index: number) => `${jobPath(id)}/images/${index}`,
} as const
