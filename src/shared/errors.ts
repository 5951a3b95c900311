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

/** What the 2026 codes mean for a user and what to do (the studio shows it under the error). */
export const ERROR_ADVICE: Partial<Record<ErrorCode, string>> = {
  'Model.AccessDenied':
    'This model is not open to your account. Preview models (qwen-image-3.0-pro) need access first: apply for it on the model’s page in the Model Gallery of the Model Studio console, or pick another model.',
  'Workspace.AccessDenied': 'The API key’s workspace may not use this model. Grant the model to the workspace in the Model Studio console.',
  'AccessDenied.Unpurchased': 'The model is not activated for this account. Activate Model Studio (and the model) in the console.',
  'AllocationQuota.FreeTierOnly':
    'The free quota for this model is used up and “use free tier only” is on. Turn that switch off in the console to be billed from your balance, or pick another model.',
  'Throttling.AllocationQuota': 'The quota is used up: top up the account balance, or wait for the free quota to be renewed, then retry.',
  'Throttling.RateQuota':
    'Too many submissions for this model (the max models take 2 a minute, the others 2 a second). Wait for the window to pass; the queue spaces them out for you.',
  ModelUnavailable: 'The model is temporarily unavailable at DashScope. Wait a few minutes and retry.',
  RewriteFailed: 'The prompt rewrite (prompt extend) failed. Retry, or turn prompt extend off.',
  'BadRequest.TooLarge': 'The request is too large. Use smaller input images (at most 10 MB each).',
  'BadRequest.InputDownloadFailed': 'DashScope could not download an input image. Use a public link or upload the file.',
  'BadRequest.UnsupportedFileFormat': 'An input image’s format is not accepted (JPG, PNG, BMP, TIFF, WEBP or GIF).',
  InvalidURL: 'An image link is not valid. Check it starts with https:// (or oss:// for an upload).',
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
