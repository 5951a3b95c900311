import { ERROR_CODES, type ErrorCode } from '../shared/errors.ts'
import type { ErrorBody } from '../shared/schemas.ts'
import { REJECTED_BY_HEADER, STUDIO_ERROR_CODES, type StudioErrorCode } from '../shared/studio-errors.ts'

export type GatewayErrorCode = ErrorCode | StudioErrorCode

const STATUS_OF: Record<GatewayErrorCode, { status: number }> = { ...ERROR_CODES, ...STUDIO_ERROR_CODES }

/** A request id for answers the gateway writes itself (the vendor's are plain UUIDs). */
export function studioRequestId(): string {
  return `studio-${crypto.randomUUID()}`
}

/** An error answer in the vendor's shape, with the status that goes with `code`; never sniffed as HTML. */
export function errorResponse(code: GatewayErrorCode, message: string, headers?: HeadersInit): Response {
  const body: ErrorBody = { request_id: studioRequestId(), code, message }
  const response = Response.json(body, { status: STATUS_OF[code].status, headers })
  response.headers.set('X-Content-Type-Options', 'nosniff')
  return response
}

/** An error answer for a request the gateway refused without forwarding it. */
export function refusal(code: GatewayErrorCode, message: string, headers?: Record<string, string>): Response {
  return errorResponse(code, message, { ...headers, [REJECTED_BY_HEADER]: 'gateway' })
}
