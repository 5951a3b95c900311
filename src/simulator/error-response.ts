import { ERROR_CODES, type ErrorCode } from '../shared/errors.ts'
import type { ErrorBody } from '../shared/schemas.ts'

/**
 * Codes the simulator sends: the vendor's (with their status from ERROR_CODES) plus `NotFound`
 * (404) for an unknown route or for cancelling a task id it does not know.
 */
export type SimErrorCode = ErrorCode | 'NotFound'

export function statusOf(code: SimErrorCode): number {
  return code === 'NotFound' ? 404 : ERROR_CODES[code].status
}

/** A UUID v4, as the vendor's request_id and task_id look. */
export const newId = (): string => crypto.randomUUID()

export function errorBody(code: SimErrorCode, message: string): ErrorBody {
  return { request_id: newId(), code, message }
}

/** The vendor's error shape, always JSON (never sniffed as anything else), with the status of its code. */
export function jsonError(code: SimErrorCode, message: string): Response {
  return Response.json(errorBody(code, message), { status: statusOf(code), headers: { 'X-Content-Type-Options': 'nosniff' } })
}
