/**
 * Task timestamps as the vendor writes them: 'YYYY-MM-DD HH:mm:ss.SSS', in China Standard Time
 * (UTC+8, where DashScope's task service runs), without a zone suffix.
 */
import { TASK_TIME_UTC_OFFSET_HOURS } from '../shared/task-polling.ts'

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

export function formatTaskTime(ms: number): string {
  const d = new Date(ms + TASK_TIME_UTC_OFFSET_HOURS * 3_600_000)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  )
}
