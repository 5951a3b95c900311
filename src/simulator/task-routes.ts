/** GET /tasks/{id}, POST /tasks/{id}/cancel and GET /tasks (this key's tasks, newest first). */
import type { Hono } from 'hono'
import * as z from 'zod/mini'
import { API_ROUTES } from '../shared/api-paths.ts'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { TaskStatus, Timestamp, type CancelResponse, type TaskQueryResponse } from '../shared/schemas.ts'
import type { ApiEnv } from './api-routes.ts'
import { jsonError, newId } from './error-response.ts'
import type { Core } from './simulator-core.ts'
import { taskResponse, taskSummary } from './task-runner.ts'
import { statusAt } from './task-store.ts'

/** GET /tasks (not in the reference; the vendor's task list, simplified). */
export const TaskListResponse = z.object({
  request_id: z.string(),
  data: z.array(
    z.object({
      task_id: z.string(),
      task_status: TaskStatus,
      model: z.string(),
      submit_time: Timestamp,
      scheduled_time: z.optional(Timestamp),
      end_time: z.optional(Timestamp),
    }),
  ),
  total: z.number(),
  page_no: z.number(),
  page_size: z.number(),
})
export type TaskListResponse = z.infer<typeof TaskListResponse>

const DEFAULT_PAGE_SIZE = 10
const MAX_PAGE_SIZE = 100

function pageParam(value: string | undefined, fallback: number, max: number): number | undefined {
  if (value === undefined || value === '') return fallback
  const n = Number(value)
  return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined
}

export function registerTaskRoutes(api: Hono<ApiEnv>, core: Core): void {
  api.get(API_ROUTES.tasks.path, (c) => {
    const pageNo = pageParam(c.req.query('page_no'), 1, Number.MAX_SAFE_INTEGER)
    if (pageNo === undefined) return jsonError('InvalidParameter', 'page_no must be an integer >= 1')
    const pageSize = pageParam(c.req.query('page_size'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if (pageSize === undefined) return jsonError('InvalidParameter', `page_size must be an integer between 1 and ${MAX_PAGE_SIZE}`)
    const tasks = core.tasks.list(c.get('apiKey'))
    const page = tasks.slice((pageNo - 1) * pageSize, pageNo * pageSize)
    const body: TaskListResponse = {
      request_id: newId(),
      data: page.map((t) => taskSummary(core, t)),
      total: tasks.length,
      page_no: pageNo,
      page_size: pageSize,
    }
    return c.json(body)
  })

  api.get(API_ROUTES.task.path, async (c) => {
    const id = c.req.param('taskId')
    const task = core.tasks.get(id, c.get('apiKey'))
    if (!task) {
      const unknown: TaskQueryResponse = { request_id: newId(), output: { task_id: id, task_status: 'UNKNOWN' } }
      return c.json(unknown)
    }
    return c.json(await taskResponse(core, task, c.req.url))
  })

  api.post(API_ROUTES.cancel.path, (c) => {
    const id = c.req.param('taskId')
    const task = core.tasks.get(id, c.get('apiKey'))
    if (!task) return jsonError('NotFound', `Task ${id} does not exist or has expired.`)
    const now = core.now()
    if (statusAt(task, now) !== 'PENDING') return jsonError('UnsupportedOperation', ERROR_MESSAGES.cancelNotPending)
    task.canceledAt = now
    task.stopTimer?.()
    core.tasks.settle(task, now)
    const body: CancelResponse = { request_id: newId() }
    return c.json(body)
  })
}
