import { describe, expect, it } from 'vitest'
import { ModelRateGate } from './model-rate-gate.ts'

describe('ModelRateGate', () => {
  it('spaces a max model to 2 per minute, and leaves 2-a-second models to the account gate', () => {
    let now = 1_000_000
    const gate = new ModelRateGate(() => 8000, () => now)
    const waits = [gate.reserve('qwen-image-max'), gate.reserve('qwen-image-max'), gate.reserve('qwen-image-max'), gate.reserve('qwen-image-max'), gate.reserve('qwen-image-max')]
    expect(waits).toEqual([0, 0, 8000, 8000, 16000])
    expect(gate.reserve('qwen-image-2.0')).toBe(0)
    expect(gate.reserve('qwen-image-edit-max')).toBe(0)
    now += 9000
    expect(gate.reserve('qwen-image-max-2025-12-30')).toBe(0)
    expect(gate.reserve('qwen-image-max')).toBe(7000) // joins the booking at +16 s: two in that minute
  })
})
