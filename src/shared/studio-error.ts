import { isRetryable } from './errors.ts'

/**
 * The one error shape the studio has, in the browser and the server's queue alike: the vendor's
 * (or the studio's) code and message, the HTTP status, the request id, and whether to retry.
 */
export class StudioError extends Error {
  readonly code: string
  readonly status: number
  readonly retryable: boolean
  readonly requestId: string | undefined

  constructor(init: { code: string; message: string; status: number; requestId?: string; retryable?: boolean }) {
    super(init.message)
    this.name = 'StudioError'
    this.code = init.code
    this.status = init.status
    this.requestId = init.requestId
    this.retryable = init.retryable ?? isRetryable(init.code, init.status)
  }
}
