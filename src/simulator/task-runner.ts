/** The async task lifecycle: submission, rendering at completion, and the task's JSON view. */
import type { TaskOutput, TaskQueryResponse } from '../shared/schemas.ts'
import type { NormalizedRequest } from '../shared/validate.ts'
import { newId } from './error-response.ts'
import { formatTaskTime } from './format-time.ts'
import { renderOutputs, resolveSeed } from './generation.ts'
import { rewritePrompt } from './rewrite-prompt.ts'
import { resultUrl, type Core } from './simulator-core.ts'
import { hashString } from './prng.ts'
import { drawDuration } from './simulator-options.ts'
import { statusAt, type TaskFailure, type TaskRecord } from './task-store.ts'

/**
 * `failure`: how the task is to end FAILED (content inspection, an injected fault), if it is;
 * `typo`: its text is drawn with a typo (the text-typo fault).
 */
export function submitTask(core: Core, key: string, request: NormalizedRequest, failure?: TaskFailure, typo = false): TaskRecord {
  const { queueMs, runMs, extendMs, resultTtlSeconds } = core.opts
  const submitAt = core.now()
  const id = newId()
  const startAt = submitAt + drawDuration(core.opts.queueDurations, request.model, queueMs, hashString(`${id}:queue`) / 2 ** 32)
  const running = drawDuration(core.opts.durations, request.model, runMs, hashString(id) / 2 ** 32)
  const task: TaskRecord = {
    id,
    key,
    request,
    seed: resolveSeed(request),
    actualPrompt: request.promptExtend ? rewritePrompt(request.prompt) : undefined,
    submitAt,
    startAt,
    endAt: startAt + running + (request.promptExtend ? extendMs : 0),
    resultTtlSeconds,
    failure,
    typo,
  }
  core.tasks.add(task)
  core.counters.maxConcurrent = Math.max(core.counters.maxConcurrent, core.tasks.unfinished(submitAt))
  // Rendered while it runs (real time), so its image exists at its end_time, as the vendor's does.
  task.stopTimer = core.timers.after(task.startAt - submitAt, () => void ensureRendered(core, task))
  return task
}

/** Renders a task's images once (shared by the timer and queries); a failure fails the task. */
export function ensureRendered(core: Core, task: TaskRecord): Promise<void> {
  if (task.images || task.failure || task.canceledAt !== undefined) return Promise.resolve()
  const epoch = core.epoch
  task.rendering ??= renderOutputs(task.request, task.seed, [], task.typo)
    .then((pngs) => {
      if (core.epoch !== epoch) return
      // Links live resultTtlSeconds from the task's end, like the vendor's.
      const expires = Math.floor(task.endAt / 1000) + task.resultTtlSeconds
      task.images = pngs.map((png) => core.results.put(png, expires))
      task.expires = expires
    })
    .catch((err: unknown) => {
      task.failure = { code: 'InternalError', message: `Rendering failed: ${err instanceof Error ? err.message : String(err)}` }
      core.tasks.recount(task)
    })
  return task.rendering
}

/** The body of GET /tasks/{id} for a known task (rendering it first when it has just succeeded). */
export async function taskResponse(core: Core, task: TaskRecord, requestUrl: string): Promise<TaskQueryResponse> {
  if (statusAt(task, core.now()) === 'SUCCEEDED') await ensureRendered(core, task)
  const status = statusAt(task, core.now())
  core.tasks.settle(task, core.now())
  const output: TaskOutput = { task_id: task.id, task_status: status, submit_time: formatTaskTime(task.submitAt) }
  if (status === 'CANCELED') output.end_time = formatTaskTime(task.canceledAt!)
  if (status !== 'PENDING' && status !== 'CANCELED') output.scheduled_time = formatTaskTime(task.startAt)
  if (status === 'SUCCEEDED' || status === 'FAILED') output.end_time = formatTaskTime(task.endAt)
  const response: TaskQueryResponse = { request_id: newId(), output }
  if (status === 'SUCCEEDED' && task.images && task.expires !== undefined) {
    const expires = task.expires
    output.results = task.images.map((id) => ({
      orig_prompt: task.request.prompt,
      ...(task.actualPrompt === undefined ? {} : { actual_prompt: task.actualPrompt }),
      url: resultUrl(core, requestUrl, id, expires),
    }))
    const n = task.images.length
    output.task_metrics = { TOTAL: n, SUCCEEDED: n, FAILED: 0 }
    response.usage = { image_count: n }
  }
  if (status === 'FAILED' && task.failure) {
    output.code = task.failure.code
    output.message = task.failure.message
  }
  return response
}

/** One row of GET /tasks. */
export function taskSummary(core: Core, task: TaskRecord) {
  const status = statusAt(task, core.now())
  return {
    task_id: task.id,
    task_status: status,
    model: task.request.model.id,
    submit_time: formatTaskTime(task.submitAt),
    ...(status !== 'PENDING' && status !== 'CANCELED' ? { scheduled_time: formatTaskTime(task.startAt) } : {}),
    ...(status === 'CANCELED' ? { end_time: formatTaskTime(task.canceledAt!) } : {}),
    ...(status === 'SUCCEEDED' || status === 'FAILED' ? { end_time: formatTaskTime(task.endAt) } : {}),
  }
}
