/** What each error means for the user, and what to do about it (the 2026 codes: shared/errors.ts). */
import { ERROR_ADVICE, isErrorCode } from '../../shared/errors.ts'

const ADVICE: Record<string, string> = {
  InvalidApiKey:
    'Check the API key set on the studio server, and that its region setting matches the region the key belongs to (Singapore and Beijing keys differ; see the README).',
  InvalidParameter: 'A parameter was refused; the message names the field. Fix it in the form and retry.',
  DataInspectionFailed: 'The content was blocked by the content-safety check. Rephrase the prompt (or change the input image) and retry.',
  AccessDenied: 'The account may not use this model or API. Check the model is activated for your account and region.',
  ModelNotFound: 'The model name is not known in this region.',
  Arrearage: 'The account has an overdue payment. Top up in the Model Studio console.',
  Throttling:
    'The account’s rate limit (2 submissions a second, 2 tasks at once; 2 a minute for the max models) was hit even after retries. Wait a moment and retry.',
  InternalError: 'DashScope had an internal error. Retrying usually works.',
  UpstreamUnavailable: 'The studio server cannot reach DashScope. Check its network, then retry.',
  UpstreamTimeout: 'DashScope took too long to answer. Retry.',
  NetworkError: 'The studio server cannot be reached. Is it still running?',
  LinkExpired: 'The result link expired before the image was saved (links last 24 hours).',
  Interrupted: 'The studio server stopped while the request was on its way, so its result is unknown.',
  PollingLost: 'The task may still finish at DashScope; retry to keep waiting for it.',
  TaskUnknown: 'DashScope keeps task data for 24 hours only.',
  QuotaExceeded: 'The browser’s storage is full. Export and delete some images, then retry.',
}

export function adviceFor(code: string): string | undefined {
  return (
    ADVICE[code] ?? (isErrorCode(code) ? ERROR_ADVICE[code] : undefined) ?? (code.startsWith('Throttling') ? ADVICE.Throttling : undefined)
  )
}
