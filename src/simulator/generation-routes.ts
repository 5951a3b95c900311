/**
 * POST /services/aigc/multimodal-generation/generation (sync text-to-image and editing) and
 * POST /services/aigc/text2image/image-synthesis (async text-to-image tasks).
 */
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import type { MultimodalResponse, TaskCreatedResponse } from '../shared/schemas.ts'
import { validateImageSynthesis, validateMultimodal, type NormalizedRequest, type Validation } from '../shared/validate.ts'
import type { ApiEnv } from './api-routes.ts'
import { jsonError, newId } from './error-response.ts'
import { FAULT_HEADER, INJECTED_TASK_FAILURE } from './faults.ts'
import { INSPECTION_FAILURE, outputSize, renderOutputs, resolveSeed, wantsFailure } from './generation.ts'
import type { PngBytes } from './result-store.ts'
import { resolveInputs } from './resolve-inputs.ts'
import { admit, resultUrl, type Core } from './simulator-core.ts'
import { submitTask } from './task-runner.ts'

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () =>
    jsonError('InvalidParameter', `The request body is larger than ${Math.round(MAX_BODY_BYTES / 1024 / 1024)} MB.`),
})

/**
 * What injected submission faults (or the prompt's [sim:fail]) do to this request: the failure
 * it ends with, if any, and whether its text is drawn with a typo.
 */
function submissionFaults(c: Context, core: Core, request: NormalizedRequest) {
  const faults = core.faults.take('submission', c.req.header(FAULT_HEADER))
  const typo = faults.includes('text-typo')
  if (faults.includes('data-inspection-failed') || wantsFailure(request)) return { failure: { ...INSPECTION_FAILURE }, typo }
  if (faults.includes('task-failed')) return { failure: { ...INJECTED_TASK_FAILURE }, typo }
  return { failure: undefined, typo }
}

/** Parses and validates the JSON body; answers the first problem as the vendor would. */
async function readRequest(c: Context, validate: (body: unknown) => Validation): Promise<NormalizedRequest | Response> {
  let body: unknown
  try {
    body = JSON.parse(await c.req.text())
  } catch (err) {
    return jsonError('InvalidParameter', `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  const validation = validate(body)
  return validation.ok ? validation.request : jsonError(validation.issue.code, validation.issue.message)
}

export function registerGenerationRoutes(api: Hono<ApiEnv>, core: Core): void {
  api.post(API_PATHS.multimodal, limitBody, async (c) => {
    const request = await readRequest(c, validateMultimodal)
    if (request instanceof Response) return request
    const refusal = admit(core, c.get('apiKey'), 'sync')
    if (refusal) return jsonError('Throttling', refusal)

    const resolved =
      request.model.kind === 'edit'
        ? await resolveInputs(request.images, { results: core.results, nowSeconds: core.now() / 1000 })
        : { ok: true as const, inputs: [] }
    if (!resolved.ok) return jsonError('InvalidParameter', resolved.message)

    const latency = core.opts.syncMs + (request.promptExtend ? core.opts.extendMs : 0)
    const { failure, typo } = submissionFaults(c, core, request)
    if (failure) {
      await core.timers.sleep(latency)
      core.counters.syncFailed++
      return jsonError(failure.code, failure.message)
    }
    const epoch = core.epoch
    let pngs: PngBytes[]
    try {
      ;[pngs] = await Promise.all([renderOutputs(request, resolveSeed(request), resolved.inputs, typo), core.timers.sleep(latency)])
    } catch (err) {
      core.counters.syncFailed++
      return jsonError('InternalError', `Rendering failed: ${err instanceof Error ? err.message : String(err)}`)
    }
    const expires = Math.floor(core.now() / 1000) + core.opts.resultTtlSeconds
    const urls = pngs.map((png) => resultUrl(core, c.req.url, core.results.put(png, expires), expires))
    if (core.epoch === epoch) core.counters.syncSucceeded++
    const { width, height } = outputSize(request, resolved.inputs)
    const body: MultimodalResponse = {
      output: {
        choices: [{ finish_reason: 'stop', message: { role: 'assistant', content: urls.map((image) => ({ image })) } }],
        ...(request.model.kind === 't2i' ? { task_metric: { TOTAL: request.n, FAILED: 0, SUCCEEDED: request.n } } : {}),
      },
      usage: { width, height, image_count: request.n },
      request_id: newId(),
    }
    return c.json(body)
  })

  api.post(API_PATHS.imageSynthesis, limitBody, async (c) => {
    if (c.req.header(ASYNC_HEADER)?.trim().toLowerCase() !== 'enable')
      return jsonError('AccessDenied', ERROR_MESSAGES.syncNotSupported)
    const request = await readRequest(c, validateImageSynthesis)
    if (request instanceof Response) return request
    const key = c.get('apiKey')
    const refusal = admit(core, key, 'task')
    if (refusal) return jsonError('Throttling', refusal)
    const { failure, typo } = submissionFaults(c, core, request)
    const task = submitTask(core, key, request, failure, typo)
    const body: TaskCreatedResponse = { output: { task_status: 'PENDING', task_id: task.id }, request_id: newId() }
    return c.json(body)
  })
}
