// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { Timestamp } from '../shared/schemas.ts'
import { formatTaskTime } from './format-time.ts'

describe('formatTaskTime', () => {
  it("writes 'YYYY-MM-DD HH:mm:ss.SSS' in UTC+8 like the vendor", () => {
    const ms = Date.UTC(2025, 8, 9, 3, 38, 54, 741)
    expect(formatTaskTime(ms)).toBe('2025-09-09 11:38:54.741')
    expect(Timestamp.safeParse(formatTaskTime(ms)).success).toBe(true)
  })
  it('pads every field and rolls over the date at UTC 16:00', () => {
    expect(formatTaskTime(Date.UTC(2025, 0, 1, 16, 0, 0, 5))).toBe('2025-01-02 00:00:00.005')
  })
})
