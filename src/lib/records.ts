/**
 * What the studio keeps in IndexedDB, as zod schemas: records are re-parsed on read, so a record
 * written by an older version (or damaged) is caught, not trusted.
 */
import * as z from 'zod/mini'
import { ImageSynthesisRequest, MultimodalRequest } from '../shared/schemas.ts'

export const JOB_STATUSES = [
  'queued', // written, waiting for a slot
  'submitting', // request on the wire, no task id yet
  'pending', // vendor task PENDING
  'running', // vendor task RUNNING (or a sync edit in flight)
  'saving', // result arrived, images being fetched and stored
  'succeeded',
  'failed',
  'canceled',
  'interrupted', // the page went away before a task id came back: retry or dismiss
  'dismissed', // the user stopped waiting for a running task
] as const
export const JobStatus = z.enum(JOB_STATUSES)
export type JobStatus = z.infer<typeof JobStatus>

export const ACTIVE_JOB_STATUSES: readonly JobStatus[] = ['queued', 'submitting', 'pending', 'running', 'saving']

export const JobError = z.object({
  code: z.string(),
  message: z.string(),
  requestId: z.optional(z.string()),
  retryable: z.optional(z.boolean()),
})
export type JobError = z.infer<typeof JobError>

export const JobRecord = z.object({
  id: z.string(),
  kind: z.enum(['t2i', 'edit']),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: JobStatus,
  /** Exactly what is (or was) sent to the vendor. */
  request: z.union([ImageSynthesisRequest, MultimodalRequest]),
  region: z.enum(['singapore', 'beijing']),
  /** Batch this job belongs to (seed sweep, extend on/off, all sizes). */
  batchId: z.optional(z.string()),
  batchLabel: z.optional(z.string()),
  taskId: z.optional(z.string()),
  requestId: z.optional(z.string()),
  submittedAt: z.optional(z.number()),
  finishedAt: z.optional(z.number()),
  attempts: z._default(z.number(), 0),
  error: z.optional(JobError),
  imageIds: z._default(z.array(z.string()), []),
  /** Edit inputs, stored as images of kind 'input'. */
  inputIds: z._default(z.array(z.string()), []),
  /** Results reported by the vendor and not yet stored (kept so a reload can finish saving). */
  pendingResults: z.optional(z.array(z.object({ url: z.string(), actualPrompt: z.optional(z.string()), origPrompt: z.optional(z.string()) }))),
  usage: z.optional(z.object({ width: z.optional(z.number()), height: z.optional(z.number()), image_count: z.number() })),
})
export type JobRecord = z.infer<typeof JobRecord>

export const ImageRecord = z.object({
  id: z.string(),
  createdAt: z.number(),
  kind: z.enum(['t2i', 'edit', 'input']),
  model: z.string(),
  region: z.enum(['singapore', 'beijing']),
  prompt: z.string(),
  actualPrompt: z.optional(z.string()),
  negativePrompt: z._default(z.string(), ''),
  size: z.string(),
  width: z.number(),
  height: z.number(),
  seed: z.optional(z.number()),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  requestId: z.optional(z.string()),
  taskId: z.optional(z.string()),
  jobId: z.optional(z.string()),
  index: z._default(z.number(), 0),
  parentIds: z._default(z.array(z.string()), []),
  price: z._default(z.number(), 0),
  remoteUrl: z.optional(z.string()),
  remoteExpiresAt: z.optional(z.number()),
  favorite: z._default(z.boolean(), false),
  mime: z._default(z.string(), 'image/png'),
  bytes: z.number(),
})
export type ImageRecord = z.infer<typeof ImageRecord>
export type ImageRecordInput = z.input<typeof ImageRecord>
