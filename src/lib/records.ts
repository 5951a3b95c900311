/**
 * What the studio keeps in IndexedDB, as zod schemas: records are re-parsed on read, so a record
 * written by an older version (or damaged) is caught, not trusted.
 */
import { z } from 'zod'
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
  requestId: z.string().optional(),
  retryable: z.boolean().optional(),
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
  batchId: z.string().optional(),
  batchLabel: z.string().optional(),
  taskId: z.string().optional(),
  requestId: z.string().optional(),
  submittedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  attempts: z.number().default(0),
  error: JobError.optional(),
  imageIds: z.array(z.string()).default([]),
  /** Edit inputs, stored as images of kind 'input'. */
  inputIds: z.array(z.string()).default([]),
  /** Results reported by the vendor and not yet stored (kept so a reload can finish saving). */
  pendingResults: z
    .array(z.object({ url: z.string(), actualPrompt: z.string().optional(), origPrompt: z.string().optional() }))
    .optional(),
  usage: z.object({ width: z.number().optional(), height: z.number().optional(), image_count: z.number() }).optional(),
})
export type JobRecord = z.infer<typeof JobRecord>

export const ImageRecord = z.object({
  id: z.string(),
  createdAt: z.number(),
  kind: z.enum(['t2i', 'edit', 'input']),
  model: z.string(),
  region: z.enum(['singapore', 'beijing']),
  prompt: z.string(),
  actualPrompt: z.string().optional(),
  negativePrompt: z.string().default(''),
  size: z.string(),
  width: z.number(),
  height: z.number(),
  seed: z.number().optional(),
  promptExtend: z.boolean(),
  watermark: z.boolean(),
  requestId: z.string().optional(),
  taskId: z.string().optional(),
  jobId: z.string().optional(),
  index: z.number().default(0),
  parentIds: z.array(z.string()).default([]),
  price: z.number().default(0),
  remoteUrl: z.string().optional(),
  remoteExpiresAt: z.number().optional(),
  favorite: z.boolean().default(false),
  mime: z.string().default('image/png'),
  bytes: z.number(),
})
export type ImageRecord = z.infer<typeof ImageRecord>
export type ImageRecordInput = z.input<typeof ImageRecord>
