/**
 * POST /services/aigc/multimodal-generation/generation (sync text-to-image and editing) and
 * POST /services/aigc/text2image/image-synthesis (async text-to-image tasks).
 */
import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { API_PATHS, ASYNC_HEADER, OSS_RESOLVE_HEADER } from '../shared/api-paths.ts'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { sniffImage, mimeForFormat } from '../shared/image-input.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'
import type { MultimodalResponse, TaskCreatedResponse } from '../shared/schemas.ts'
import { validateImageSynthesis, validateMultimodal, type NormalizedRequest, type Validation } from '../shared/validate.ts'
import type { ApiEnv } from './api-routes.ts'
import { jsonError, newId } from './error-response.ts'
import { FAULT_HEADER, INJECTED_TASK_FAILURE } from './faults.ts'
import { INSPECTION_FAILURE, outputSize, renderOutputs, resolveSeed, wantsFailure } from './generation.ts'
import type { PngBytes } from './result-store.ts'
import { readJson } from './json-request.ts'
import { resolveInputs } from './resolve-inputs.ts'
import { admit, resultUrl, type Core } from './simulator-core.ts'
import { submitTask } from './task-runner.ts'
import { drawDuration } from './simulator-options.ts'

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => jsonError('InvalidParameter', `The request body is larger than ${Math.round(MAX_BODY_BYTES / 1024 / 1024)} MB.`),
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

/** What the account may not do with this model or size (preview access, a size the test refuses). */
function modelRefusal(core: Core, request: NormalizedRequest): Response | null {
  if (request.model.preview && !core.opts.previewAccess)
    return jsonError('Model.AccessDenied', `${ERROR_MESSAGES.modelAccessDenied} ${request.model.id} is in limited preview.`)
  if (request.size && core.opts.refuseSizes.includes(request.size))
    return jsonError('InvalidParameter', `parameters.size "${request.size}" is not supported by ${request.model.id}`)
  return null
}

/**
 * oss:// inputs (temporary uploads) as data: URLs of the uploaded bytes, when the request asks
 * for them to be resolved (X-DashScope-OssResourceResolve: enable); else the vendor's refusal.
 */
function resolveUploads(c: Context, core: Core, request: NormalizedRequest): string[] | Response {
  const resolve = c.req.header(OSS_RESOLVE_HEADER)?.trim().toLowerCase() === 'enable'
  const out: string[] = []
  for (const [i, url] of request.images.entries()) {
    if (!/^oss:\/\//i.test(url)) {
      out.push(url)
      continue
    }
    if (!resolve) return jsonError('InvalidParameter', `Image ${i + 1}: ${ERROR_MESSAGES.ossResolveRequired}`)
    const file = core.uploads.resolve(url, request.model.id, core.now())
    if (!file.ok) return jsonError('InvalidParameter', `Image ${i + 1}: ${file.message}`)
    const mime = mimeForFormat(sniffImage(file.bytes)?.format ?? '') ?? 'application/octet-stream'
    out.push(`data:${mime};base64,${Buffer.from(file.bytes).toString('base64')}`)
  }
  return out
}

/** Parses and validates the JSON body; answers the first problem as the vendor would. */
async function readRequest(c: Context, validate: (body: unknown) => Validation): Promise<NormalizedRequest | Response> {
  const read = await readJson(c)
  if (read instanceof Response) return read
  const validation = validate(read.body)
  return validation.ok ? validation.request : jsonError(validation.issue.code, validation.issue.message)
}

export function registerGenerationRoutes(api: Hono<ApiEnv>, core: Core): void {
  api.post(API_PATHS.multimodal, limitBody, async (c) => {
    if (c.req.header(ASYNC_HEADER)?.trim().toLowerCase() === 'enable') return jsonError('AccessDenied', ERROR_MESSAGES.asyncNotSupported)
    const request = await readRequest(c, validateMultimodal)
    if (request instanceof Response) return request
    const refused = modelRefusal(core, request)
    if (refused) return refused
    const images = resolveUploads(c, core, request)
    if (images instanceof Response) return images
    const refusal = admit(core, c.get('apiKey'), 'sync', request.model)
    if (refusal) return jsonError(refusal.code, refusal.message)

    const resolved =
      request.mode === 'edit'
        ? await resolveInputs(images, { results: core.results, nowSeconds: core.now() / 1000, download: core.download })
        : { ok: true as const, inputs: [] }
    if (!resolved.ok) return jsonError('InvalidParameter', resolved.message)

    const latency =
      drawDuration(core.opts.queueDurations, request.model, 0, Math.random()) +
      drawDuration(core.opts.durations, request.model, core.opts.syncMs, Math.random()) +
      (request.promptExtend ? core.opts.extendMs : 0)
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
        // Only the fixed-size text-to-image models report task_metric (not the 2.0 series, LINEUP §4).
        ...(request.model.kind === 't2i' ? { task_metric: { TOTAL: request.n, FAILED: 0, SUCCEEDED: request.n } } : {}),
      },
      usage: { width, height, image_count: request.n },
      request_id: newId(),
    }
    return c.json(body)
  })

  api.post(API_PATHS.imageSynthesis, limitBody, async (c) => {
    if (c.req.header(ASYNC_HEADER)?.trim().toLowerCase() !== 'enable') return jsonError('AccessDenied', ERROR_MESSAGES.syncNotSupported)
    const request = await readRequest(c, validateImageSynthesis)
    if (request instanceof Response) return request
    const key = c.get('apiKey')
    const refused = modelRefusal(core, request)
    if (refused) return refused
    const refusal = admit(core, key, 'task', request.model)
    if (refusal) return jsonError(refusal.code, refusal.message)
    const { failure, typo } = submissionFaults(c, core, request)
    const task = submitTask(core, key, request, failure, typo)
    const body: TaskCreatedResponse = { output: { task_status: 'PENDING', task_id: task.id }, request_id: newId() }
    return c.json(body)
  })
}
