/**
 * What the studio keeps in IndexedDB, as zod schemas: records are re-parsed on read, so a record
 * written by an older version (or damaged) is caught, not trusted.
 */
import * as z from 'zod/mini'
import { REGIONS } from '../shared/models.ts'
import { ImageSynthesisRequest, MultimodalRequest } from '../shared/schemas.ts'
import { TEXT_VERDICTS } from '../shared/text.ts'

export const JOB_STATUSES = [
  'queued', // written, waiting for a slot
  'submitting', // request on the wire, no task id yet
  'pending', // vendor task PENDING
  'running', // vendor task RUNNING (or a sync edit in flight)
  'saving', // result arrived, images being fetched and stored
  'succeeded',
  'failed',
  'canceled',
  'interrupted', // the server stopped while the request was on the wire: retry or dismiss
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

const JobFields = {
  id: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  status: JobStatus,
  region: z.enum(REGIONS),
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
  pendingResults: z.optional(z.array(z.object({ url: z.string(), actualPrompt: z.optional(z.string()) }))),
  usage: z.optional(z.object({ width: z.optional(z.number()), height: z.optional(z.number()), image_count: z.number() })),
  /** Queued behind the model's own limit (2 a minute for the max models) until then (epoch ms). */
  rateLimitedUntil: z.optional(z.number()),
  /** When the studio server confirmed it has the job (until then the page hands it over again). */
  handedAt: z.optional(z.number()),
}

/**
 * A job, keyed by kind: the request is exactly what is (or was) sent to the vendor. Text to image
 * goes to the async task API, or to multimodal-generation (messages without images) on the models
 * that only have that endpoint; an edit is always multimodal-generation.
 */
export const JobRecord = z.discriminatedUnion('kind', [
  z.object({ ...JobFields, kind: z.literal('t2i'), request: z.union([ImageSynthesisRequest, MultimodalRequest]) }),
  z.object({ ...JobFields, kind: z.literal('edit'), request: MultimodalRequest }),
])
export type JobRecord = z.infer<typeof JobRecord>
export type T2IJob = Extract<JobRecord, { kind: 't2i' }>
export type EditJob = Extract<JobRecord, { kind: 'edit' }>
/** What a job is for: its kind with the request of that kind. */
export type JobWork = Pick<T2IJob, 'kind' | 'request'> | Pick<EditJob, 'kind' | 'request'>
/** A change to a job: never its kind or its request. */
export type JobPatch = Partial<Omit<T2IJob, 'kind' | 'request'>>

/**
 * The poster text check of an image (issue 18): each quoted string of its prompt against what OCR
 * read back. `ok`: every string exact; `wrong`: at least one close or missing; `failed`: OCR did
 * not run to the end (the message says why).
 */
export const TextCheck = z.object({
  status: z.enum(['ok', 'wrong', 'failed']),
  checkedAt: z.number(),
  /** Share of the expected characters read right, 0..1. */
  accuracy: z.number(),
  matches: z.array(
    z.object({
      expected: z.string(),
      verdict: z.enum(TEXT_VERDICTS),
      read: z.string(),
      distance: z.number(),
      diff: z.array(z.object({ op: z.enum(['same', 'missing', 'extra']), text: z.string() })),
    }),
  ),
  /** Everything OCR read, for the detail view. */
  ocrText: z._default(z.string(), ''),
  error: z.optional(z.string()),
  ms: z.optional(z.number()),
})
export type TextCheck = z.infer<typeof TextCheck>

export const ImageRecord = z.object({
  id: z.string(),
  createdAt: z.number(),
  kind: z.enum(['t2i', 'edit', 'input']),
  model: z.string(),
  region: z.enum(REGIONS),
  prompt: z.string(),
  actualPrompt: z.optional(z.string()),
  negativePrompt: z._default(z.string(), ''),
  size: z.string(),
  width: z.number(),
  height: z.number(),
  seed: z.optional(z.number()),
  /**
   * Images the request made (its n). The API reports no seed per output, so when it is over 1 the
   * images share the request's seed: the seed remakes the set, not one image of it alone.
   */
  outputs: z._default(z.number(), 1),
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
  textCheck: z.optional(TextCheck),
})
export type ImageRecord = z.infer<typeof ImageRecord>
export type ImageRecordInput = z.input<typeof ImageRecord>

/** Checks that hold across realms (a value read back from IndexedDB may not share our globals). */
const isArrayBuffer = (v: unknown): v is ArrayBuffer => Object.prototype.toString.call(v) === '[object ArrayBuffer]'
const isBlob = (v: unknown): v is Blob => /^\[object (Blob|File)\]$/.test(Object.prototype.toString.call(v))

/** A thumbnail as stored from v4 on: its bytes inline, so reading it opens no Blob file. */
export const ThumbRow = z.object({
  id: z.string(),
  bytes: z.custom<ArrayBuffer>(isArrayBuffer),
  type: z.string(),
  /**
   * The image's, for the by-created index: the first screen's thumbnails are read newest first,
   * together with its records. Absent when the image's record was gone (the row is then never
   * on screen).
   */
  createdAt: z.optional(z.number()),
})
export type ThumbRow = z.infer<typeof ThumbRow>

/** A thumbnail as stored up to v3: a Blob, which Chromium keeps in a file of its own. */
export const LegacyThumbRow = z.object({
  id: z.string(),
  blob: z.custom<Blob>(isBlob),
})
export type LegacyThumbRow = z.infer<typeof LegacyThumbRow>

/** What the thumbs store may hold until every legacy row has been converted (thumb-rows.ts). */
export const StoredThumb = z.union([ThumbRow, LegacyThumbRow])
export type StoredThumb = z.infer<typeof StoredThumb>
