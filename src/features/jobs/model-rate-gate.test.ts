import { describe, expect, it } from 'vitest'
import { ModelRateGate } from './model-rate-gate.ts'

describe('ModelRateGate', () => {
  it('spaces a max model to 2 per minute (with 10% slack), and leaves 2-a-second models to the account gate', () => {
    let now = 1_000_000
    const gate = new ModelRateGate(
      () => 8000,
      () => now,
    )
    const wait = (model: string) => gate.reserve(model).waitMs
    const waits = [wait('qwen-image-max'), wait('qwen-image-max'), wait('qwen-image-max'), wait('qwen-image-max'), wait('qwen-image-max')]
    // 8 s minute + 0.8 s slack
    expect(waits).toEqual([0, 0, 8800, 8800, 17600])
    expect(wait('qwen-image-2.0')).toBe(0)
    expect(wait('qwen-image-edit-max')).toBe(0)
    now += 9000
    expect(wait('qwen-image-max-2025-12-30')).toBe(0)
    expect(wait('qwen-image-max')).toBe(8600) // joins the booking at +17.6 s: two in that minute
  })
  it('counts from when a request actually left', () => {
    let now = 0
    const gate = new ModelRateGate(
      () => 8000,
      () => now,
    )
    const first = gate.reserve('qwen-image-edit-max') // booked at 0, leaves at 300
    now = 300
    first.sent()
    gate.reserve('qwen-image-edit-max').sent()
    // booked-at-0 would free a slot at 8800 (wait 8500); it left at 300, so the slot frees at 9100
    expect(gate.reserve('qwen-image-edit-max').waitMs).toBe(8800)
  })
})
