// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest'
import { TaskCreatedResponse, TaskQueryResponse } from '../shared/schemas.ts'
import { harness, type Harness } from '../testing/simulator-harness.ts'
import { parseDurations, simulatorOptionsFromEnv } from './env-options.ts'

let h: Harness | undefined
afterEach(() => h?.sim.close())

/** Milliseconds between two of the vendor's timestamps ("2025-09-09 11:38:54.741", Beijing time). */
const between = (from: string, to: string) => Date.parse(to.replace(' ', 'T') + 'Z') - Date.parse(from.replace(' ', 'T') + 'Z')

describe('realistic task times (SIMULATOR_DURATIONS)', () => {
  it('reads model=min-max ranges, "*" for every model, and names a bad one', () => {
    expect(simulatorOptionsFromEnv({ SIMULATOR_DURATIONS: '*=8000-40000, qwen-image-max=20000-60000' }).durations).toEqual({
      '*': [8000, 40000],
      'qwen-image-max': [20000, 60000],
    })
    expect(simulatorOptionsFromEnv({ SIMULATOR_DURATIONS: ' ' }).durations).toBeUndefined()
    for (const bad of ['8000-40000', '*=40000-8000', '*=8s-40s', 'qwen-image-max=1-2-3'])
      expect(() => parseDurations(bad)).toThrow(/SIMULATOR_DURATIONS must be model=min-max/)
  })

  it('draws each task a running time within its model range; scheduled_time and end_time show it', async () => {
    h = harness({ queueMs: 500, runMs: 1500, submitPerSecond: 1000, concurrentTasks: 1000, durations: { 'qwen-image': [8000, 40000] } })
    const spans: number[] = []
    for (let i = 0; i < 24; i++) {
      const model = i % 2 ? 'qwen-image' : 'qwen-image-plus'
      const id = TaskCreatedResponse.parse((await h.submit(`poster ${i}`, { prompt_extend: false }, {}, model)).body).output.task_id
      h.clock.advance(60_000)
      const { output } = TaskQueryResponse.parse((await h.task(id)).body)
      expect(output.task_status).toBe('SUCCEEDED')
      expect(between(output.submit_time ?? '', output.scheduled_time ?? '')).toBe(500)
      const running = between(output.scheduled_time ?? '', output.end_time ?? '')
      if (model === 'qwen-image-plus') expect(running).toBe(1500)
      else spans.push(running)
    }
    expect(spans.every((ms) => ms >= 8000 && ms <= 40000)).toBe(true)
    // Spread over the range, not one value.
    expect(Math.max(...spans) - Math.min(...spans)).toBeGreaterThan(10_000)
  })
})

describe('queueing (SIMULATOR_QUEUE_DURATIONS)', () => {
  it('draws each task a wait for a slot within its model range, the running time as before', async () => {
    expect(simulatorOptionsFromEnv({ SIMULATOR_QUEUE_DURATIONS: 'qwen-image=1000-30000' }).queueDurations).toEqual({
      'qwen-image': [1000, 30000],
    })
    expect(() => parseDurations('*=9-1', 'SIMULATOR_QUEUE_DURATIONS')).toThrow(/SIMULATOR_QUEUE_DURATIONS must be/)
    h = harness({
      queueMs: 500,
      runMs: 1500,
      submitPerSecond: 1000,
      concurrentTasks: 1000,
      queueDurations: { 'qwen-image': [1000, 30000] },
    })
    const waits: number[] = []
    for (let i = 0; i < 16; i++) {
      const id = TaskCreatedResponse.parse((await h.submit(`poster ${i}`, { prompt_extend: false }, {}, 'qwen-image')).body).output.task_id
      h.clock.advance(60_000)
      const { output } = TaskQueryResponse.parse((await h.task(id)).body)
      waits.push(between(output.submit_time ?? '', output.scheduled_time ?? ''))
      expect(between(output.scheduled_time ?? '', output.end_time ?? '')).toBe(1500)
    }
    expect(waits.every((ms) => ms >= 1000 && ms <= 30000)).toBe(true)
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(10_000)
  })
})
