/** The vendor's error codes with their HTTP status, and whether retrying the same request can help. */
export const ERROR_CODES = {
  InvalidParameter: { status: 400, retryable: false },
  DataInspectionFailed: { status: 400, retryable: false },
  'BadRequest.EmptyInput': { status: 400, retryable: false },
  'BadRequest.EmptyParameters': { status: 400, retryable: false },
  'BadRequest.EmptyModel': { status: 400, retryable: false },
  UnsupportedOperation: { status: 400, retryable: false },
  Arrearage: { status: 400, retryable: false },
  InvalidApiKey: { status: 401, retryable: false },
  AccessDenied: { status: 403, retryable: false },
  ModelNotFound: { status: 404, retryable: false },
  Throttling: { status: 429, retryable: true },
  'Throttling.RateQuota': { status: 429, retryable: true },
  'Throttling.AllocationQuota': { status: 429, retryable: true },
  InternalError: { status: 500, retryable: true },
  // 2026 (LINEUP-2026 §5, from the vendor's error-code page)
  InvalidURL: { status: 400, retryable: false },
  'Model.AccessDenied': { status: 403, retryable: false },
  'Workspace.AccessDenied': { status: 403, retryable: false },
  'AccessDenied.Unpurchased': { status: 403, retryable: false },
  'AllocationQuota.FreeTierOnly': { status: 403, retryable: false },
  WorkSpaceNotFound: { status: 404, retryable: false },
  RequestTimeOut: { status: 408, retryable: true },
  'BadRequest.TooLarge': { status: 413, retryable: false },
  'BadRequest.InputDownloadFailed': { status: 415, retryable: false },
  'BadRequest.UnsupportedFileFormat': { status: 415, retryable: false },
  RewriteFailed: { status: 500, retryable: true },
  ModelUnavailable: { status: 503, retryable: true },
} as const

export type ErrorCode = keyof typeof ERROR_CODES

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code)
}

/** Whether a vendor error code (or an HTTP status when the code is unknown) is worth retrying. */
export function isRetryable(code: string | undefined, status?: number): boolean {
  if (code && isErrorCode(code)) return ERROR_CODES[code].retryable
  if (code?.startsWith('Throttling')) return true
  return status === undefined ? false : status === 429 || status >= 500
}

/** Fixed vendor messages that clients match on. */
export const ERROR_MESSAGES = {
  invalidKey: 'Invalid API-key provided.',
  noKey: 'No API-key provided.',
  syncNotSupported: 'current user api does not support synchronous calls',
  throttled: 'Requests rate limit exceeded, please try again later.',
  tooManyTasks: 'Too many concurrent tasks, please try again later.',
  cancelNotPending: 'Failed to cancel the task, please confirm if the task is in PENDING status.',
  asyncNotSupported: 'current user api does not support asynchronous calls',
  modelAccessDenied: 'Model access denied.',
  ossResolveRequired: 'The image is an oss:// resource: add the header X-DashScope-OssResourceResolve: enable to have it resolved.',
} as const
