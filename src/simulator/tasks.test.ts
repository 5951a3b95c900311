// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { LIMITS } from '../shared/limits.ts'
import { CancelResponse, ErrorBody, TaskCreatedResponse, TaskQueryResponse } from '../shared/schemas.ts'
import { countChars, quotedTexts } from '../shared/text.ts'
import { TaskListResponse } from './task-routes.ts'
import { bytesOf, errorOf, harness, pngSize, T0, UUID_V4, type Harness } from '../testing/simulator-harness.ts'

let h: Harness
afterEach(() => h.sim.close())

async function submitted(prompt: string, parameters: Record<string, unknown> = {}, key?: string): Promise<string> {
  const reply = await h.submit(prompt, parameters, key ? { key } : {})
  expect(reply.status).toBe(200)
  const body = TaskCreatedResponse.parse(reply.body)
  expect(body.output.task_status).toBe('PENDING')
  expect(body.output.task_id).toMatch(UUID_V4)
  return body.output.task_id
}

async function query(id: string, key?: string) {
  const reply = await h.task(id, key ? { key } : {})
  expect(reply.status).toBe(200)
  return TaskQueryResponse.parse(reply.body)
}

describe('async task lifecycle (fake clock)', () => {
  it('goes PENDING -> RUNNING -> SUCCEEDED with vendor timestamps, results, task_metrics and usage', async () => {
    h = harness({ queueMs: 1000, runMs: 2000 })
    const id = await submitted('A poster that reads "Hello"', { prompt_extend: false, size: '1664*928', seed: 3 })

    let body = await query(id)
    expect(body.output).toEqual({ task_id: id, task_status: 'PENDING', submit_time: '2025-09-09 11:38:54.741' })
    expect(body.usage).toBeUndefined()

    h.clock.advance(999)
    expect((await query(id)).output.task_status).toBe('PENDING')
    h.clock.advance(1)
    body = await query(id)
    expect(body.output).toEqual({
      task_id: id,
      task_status: 'RUNNING',
      submit_time: '2025-09-09 11:38:54.741',
      scheduled_time: '2025-09-09 11:38:55.741',
    })

    h.clock.advance(2000)
    body = await query(id)
    expect(body.output).toMatchObject({
      task_status: 'SUCCEEDED',
      submit_time: '2025-09-09 11:38:54.741',
      scheduled_time: '2025-09-09 11:38:55.741',
      end_time: '2025-09-09 11:38:57.741',
      task_metrics: { TOTAL: 1, SUCCEEDED: 1, FAILED: 0 },
    })
    expect(body.usage).toEqual({ image_count: 1 })
    const [result] = body.output.results!
    expect(Object.keys(result!).sort()).toEqual(['orig_prompt', 'url'])
    expect(result).toMatchObject({ orig_prompt: 'A poster that reads "Hello"' })
    const url = new URL((result as { url: string }).url)
    // Links live resultTtlSeconds from the task's end.
    expect(Number(url.searchParams.get('Expires'))).toBe(Math.floor((T0 + 3000) / 1000) + LIMITS.resultTtlSeconds)
    const png = await h.download(url.href)
    expect(png.status).toBe(200)
    expect(pngSize(await bytesOf(png))).toEqual({ width: 1664, height: 928 })

    // Asking again gives the same result.
    const again = await query(id)
    expect(again.output.results).toEqual(body.output.results)
    expect(again.request_id).not.toBe(body.request_id)
  })

  it('runs extendMs longer and reports actual_prompt when prompt_extend is on (the default)', async () => {
    h = harness({ queueMs: 100, runMs: 200, extendMs: 1000 })
    const prompt = 'A cute puppy on a "WELCOME" doormat'
    const id = await submitted(prompt)
    h.clock.advance(1299)
    expect((await query(id)).output.task_status).toBe('RUNNING')
    h.clock.advance(1)
    const body = await query(id)
    expect(body.output.task_status).toBe('SUCCEEDED')
    const result = body.output.results![0] as { orig_prompt: string; actual_prompt: string }
    expect(result.orig_prompt).toBe(prompt)
    expect(result.actual_prompt).not.toBe(prompt)
    expect(result.actual_prompt).toContain('adorable puppy')
    expect(quotedTexts(result.actual_prompt)).toEqual(['WELCOME'])
  })

  it('truncates an over-long prompt to the limit, counting each Chinese character as one', async () => {
    h = harness({ queueMs: 0, runMs: 0 })
    const prompt = '山'.repeat(LIMITS.promptMaxChars - 2) + 'ab' + '水'.repeat(50)
    const id = await submitted(prompt, { prompt_extend: false })
    const result = (await query(id)).output.results![0] as { orig_prompt: string }
    expect(countChars(result.orig_prompt)).toBe(LIMITS.promptMaxChars)
    expect(result.orig_prompt.endsWith('山ab')).toBe(true)
  })

  it('answers UNKNOWN (200) for an unknown id, for another key’s task and after the task TTL', async () => {
    h = harness({ apiKeys: ['k1', 'k2'], taskTtlSeconds: 10, queueMs: 0, runMs: 0 })
    expect((await query('no-such-task', 'k1')).output).toEqual({ task_id: 'no-such-task', task_status: 'UNKNOWN' })
    const id = await submitted('a cat', { prompt_extend: false }, 'k1')
    expect((await query(id, 'k2')).output.task_status).toBe('UNKNOWN')
    expect((await query(id, 'k1')).output.task_status).toBe('SUCCEEDED')
    h.clock.advance(10_000)
    expect((await query(id, 'k1')).output).toEqual({ task_id: id, task_status: 'UNKNOWN' })
  })

  it('fails a task whose prompt carries the fault token: FAILED with code and message', async () => {
    h = harness()
    const id = await submitted('a cat [sim:fail]', { prompt_extend: false })
    h.clock.advance(3000)
    const body = await query(id)
    expect(body.output).toMatchObject({
      task_status: 'FAILED',
      code: 'DataInspectionFailed',
      message: 'Output data may contain inappropriate content.',
      end_time: '2025-09-09 11:38:57.741',
    })
    expect(body.output.results).toBeUndefined()
    expect(h.sim.stats()).toMatchObject({ failed: 1, succeeded: 0 })
  })
})

describe('cancel', () => {
  it('cancels a PENDING task: 200 {request_id}, then CANCELED with an end_time', async () => {
    h = harness()
    const id = await submitted('a cat')
    h.clock.advance(500)
    const reply = await h.cancel(id)
    expect(reply.status).toBe(200)
    expect(Object.keys(reply.body as object)).toEqual(['request_id'])
    expect(CancelResponse.parse(reply.body).request_id).toMatch(UUID_V4)
    h.clock.advance(10_000)
    expect((await query(id)).output).toEqual({
      task_id: id,
      task_status: 'CANCELED',
      submit_time: '2025-09-09 11:38:54.741',
      end_time: '2025-09-09 11:38:55.241',
    })
    expect(h.sim.stats()).toMatchObject({ canceled: 1, pending: 0, running: 0, succeeded: 0 })
  })

  it('refuses RUNNING, finished and canceled tasks with 400 UnsupportedOperation', async () => {
    h = harness()
    const id = await submitted('a cat', { prompt_extend: false })
    h.clock.advance(1000)
    for (const advance of [0, 5000]) {
      h.clock.advance(advance)
      const reply = await h.cancel(id)
      expect(reply.status).toBe(400)
      expect(ErrorBody.parse(reply.body)).toMatchObject({ code: 'UnsupportedOperation', message: ERROR_MESSAGES.cancelNotPending })
    }
    const other = await submitted('a dog')
    expect((await h.cancel(other)).status).toBe(200)
    expect(errorOf(await h.cancel(other)).code).toBe('UnsupportedOperation')
  })

  it('answers 404 NotFound (JSON) for an unknown task id', async () => {
    h = harness()
    const reply = await h.cancel('no-such-task')
    expect(reply.status).toBe(404)
    const body = ErrorBody.parse(reply.body)
    expect(body.code).toBe('NotFound')
    expect(body.message).toContain('no-such-task')
  })
})

describe('task list', () => {
  it("lists the key's tasks newest first, paged", async () => {
    h = harness({ apiKeys: ['k1', 'k2'], submitPerSecond: 100, concurrentTasks: 100 })
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      ids.push(await submitted(`task ${i}`, {}, 'k1'))
      h.clock.advance(10)
    }
    await submitted('other key', {}, 'k2')
    const reply = await h.call('GET', '/tasks?page_no=1&page_size=2', { key: 'k1' })
    expect(reply.status).toBe(200)
    const page1 = TaskListResponse.parse(reply.body)
    expect(page1).toMatchObject({ total: 3, page_no: 1, page_size: 2 })
    expect(page1.request_id).toMatch(UUID_V4)
    expect(page1.data.map((t) => t.task_id)).toEqual([ids[2], ids[1]])
    expect(page1.data[0]).toEqual({
      task_id: ids[2],
      task_status: 'PENDING',
      model: 'qwen-image-plus',
      submit_time: '2025-09-09 11:38:54.761',
    })
    const page2 = TaskListResponse.parse((await h.call('GET', '/tasks?page_no=2&page_size=2', { key: 'k1' })).body)
    expect(page2.data.map((t) => t.task_id)).toEqual([ids[0]])
    const defaults = TaskListResponse.parse((await h.call('GET', '/tasks', { key: 'k1' })).body)
    expect(defaults).toMatchObject({ page_no: 1, page_size: 10, total: 3 })
    expect(errorOf(await h.call('GET', '/tasks?page_size=0', { key: 'k1' })).message).toMatch(/page_size/)
    expect(errorOf(await h.call('GET', '/tasks?page_no=x', { key: 'k1' })).message).toMatch(/page_no/)
  })
})

describe('statistics', () => {
  it('counts pending, running, finished tasks and the most unfinished at once', async () => {
    h = harness({ submitPerSecond: 100, concurrentTasks: 100, queueMs: 1000, runMs: 1000 })
    const a = await submitted('a', { prompt_extend: false })
    await submitted('b', { prompt_extend: false })
    h.clock.advance(1000)
    await submitted('c', { prompt_extend: false })
    expect(h.sim.stats()).toMatchObject({ pending: 1, running: 2, maxConcurrent: 3, submissions: 3 })
    h.clock.advance(1000)
    expect(h.sim.stats()).toMatchObject({ pending: 0, running: 1, succeeded: 2 })
    await query(a)
    h.clock.advance(1000)
    expect(h.sim.stats()).toMatchObject({ pending: 0, running: 0, succeeded: 3, failed: 0, canceled: 0, maxConcurrent: 3 })
  })
})
