/** Any error the page meets, as the studio's one error shape (../shared/studio-error.ts). */
import { StudioError } from '../shared/studio-error.ts'

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
