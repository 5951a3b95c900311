/**
 * zod (mini: the browser loads these too, and the small build keeps the bundle small) schemas of every request, response and error body in the vendor's reference.
 * Shapes only; limits that the vendor checks (n per model, seed range, sizes, image rules) are in
 * validate.ts so that a request body can be parsed and then judged with field-level messages.
 */
import * as z from 'zod/mini'
import { REGIONS } from './models.ts'

// ---- error body -----------------------------------------------------------------------------

export const ErrorBody = z.object({
  request_id: z.string(),
  code: z.string(),
  message: z.string(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

// ---- shared parameter block -------------------------------------------------------------------

export const ImageParameters = z.looseObject({
  negative_prompt: z.optional(z.string()),
  size: z.optional(z.string()),
  n: z.optional(z.number()),
  prompt_extend: z.optional(z.boolean()),
  watermark: z.optional(z.boolean()),
  seed: z.optional(z.number()),
})
export type ImageParameters = z.infer<typeof ImageParameters>

// ---- sync multimodal generation (text-to-image and editing) ------------------------------------

export const TextContent = z.object({ text: z.string() })
export const ImageContent = z.object({ image: z.string() })
export const RequestContent = z.union([TextContent, ImageContent])

export const MultimodalRequest = z.object({
  model: z.string(),
  input: z.object({
    messages: z.array(
      z.object({
        role: z.string(),
        content: z.array(RequestContent),
      }),
    ),
  }),
  parameters: z.optional(ImageParameters),
})
export type MultimodalRequest = z.infer<typeof MultimodalRequest>

/** A multimodal-generation request (messages), as opposed to an async text-to-image task's (prompt). */
export function isMultimodalRequest(request: ImageSynthesisRequest | MultimodalRequest): request is MultimodalRequest {
  return 'messages' in request.input
}

export const MultimodalResponse = z.object({
  output: z.object({
    choices: z.array(
      z.object({
        finish_reason: z.string(),
        message: z.object({
          role: z.literal('assistant'),
          content: z.array(z.object({ image: z.string(), type: z.optional(z.string()) })),
        }),
      }),
    ),
    task_metric: z.optional(z.object({ TOTAL: z.number(), FAILED: z.number(), SUCCEEDED: z.number() })),
  }),
  // The 2.0 and edit models send width/height/image_count; 3.0 may send output_* instead (LINEUP §4).
  usage: z.looseObject({
    width: z.optional(z.number()),
    height: z.optional(z.number()),
    image_count: z.optional(z.number()),
    output_width: z.optional(z.number()),
    output_height: z.optional(z.number()),
    output_image_count: z.optional(z.number()),
  }),
  request_id: z.string(),
})
export type MultimodalResponse = z.infer<typeof MultimodalResponse>

// ---- async text-to-image (image-synthesis + tasks) -----------------------------------------------

export const ImageSynthesisRequest = z.object({
  model: z.string(),
  input: z.object({
    prompt: z.string(),
    negative_prompt: z.optional(z.string()),
  }),
  parameters: z.optional(ImageParameters),
})
export type ImageSynthesisRequest = z.infer<typeof ImageSynthesisRequest>

export const TASK_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'UNKNOWN'] as const
export const TaskStatus = z.enum(TASK_STATUSES)
export type TaskStatus = z.infer<typeof TaskStatus>

export const TaskCreatedResponse = z.object({
  output: z.object({ task_id: z.string(), task_status: TaskStatus }),
  request_id: z.string(),
})
export type TaskCreatedResponse = z.infer<typeof TaskCreatedResponse>

/** 'YYYY-MM-DD HH:mm:ss.SSS' */
export const Timestamp = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/))

export const TaskResult = z.union([
  z.object({
    orig_prompt: z.string(),
    actual_prompt: z.optional(z.string()),
    url: z.string(),
  }),
  z.object({ code: z.string(), message: z.string() }),
])
export type TaskResult = z.infer<typeof TaskResult>

export const TaskOutput = z.object({
  task_id: z.string(),
  task_status: TaskStatus,
  submit_time: z.optional(Timestamp),
  scheduled_time: z.optional(Timestamp),
  end_time: z.optional(Timestamp),
  results: z.optional(z.array(TaskResult)),
  task_metrics: z.optional(z.object({ TOTAL: z.number(), SUCCEEDED: z.number(), FAILED: z.number() })),
  code: z.optional(z.string()),
  message: z.optional(z.string()),
})
export type TaskOutput = z.infer<typeof TaskOutput>

export const TaskQueryResponse = z.object({
  request_id: z.string(),
  output: TaskOutput,
  usage: z.optional(z.object({ image_count: z.number() })),
})
export type TaskQueryResponse = z.infer<typeof TaskQueryResponse>

export const CancelResponse = z.object({ request_id: z.string() })
export type CancelResponse = z.infer<typeof CancelResponse>

// ---- the studio's own endpoints ------------------------------------------------------------------

export const StudioConfig = z.object({
  mode: z.enum(['live', 'simulator']),
  region: z.enum(REGIONS),
  /** Where the gateway forwards to, without credentials (e.g. the region's base URL). */
  upstream: z.string(),
  models: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['t2i', 'edit', 'both']),
      label: z.string(),
      n: z.object({ min: z.number(), max: z.number(), default: z.number() }),
      pricePerImage: z.number(),
    }),
  ),
  /** The environment variable the server reads the API key from: its name only, for copy-as-code. */
  keyVariable: z.string(),
  /** How long the per-model "per minute" limits' minute is (60 s live; shorter on a test simulator). */
  rateLimitMinuteMs: z.optional(z.number()),
})
export type StudioConfig = z.infer<typeof StudioConfig>
