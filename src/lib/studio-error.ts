import { isRetryable } from '../shared/errors.ts'

/** The one error shape the studio shows: the vendor's code and message, and whether to retry. */
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

export function toStudioError(error: unknown): StudioError {
  if (error instanceof StudioError) return error
  if (error instanceof TypeError)
    return new StudioError({ code: 'NetworkError', message: 'The studio server cannot be reached.', status: 0, retryable: true })
  return new StudioError({
    code: 'ClientError',
    message: error instanceof Error ? error.message : String(error),
    status: 0,
    retryable: false,
  })
}
