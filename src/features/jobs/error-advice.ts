/**
 * What each error means for the user and what to do about it, in the active language. The error
 * itself (code and the vendor's message) stays as the API gave it, in English: it is the contract.
 */
import type { MessageDescriptor } from '@lingui/core'
import { msg } from '@lingui/core/macro'

const ADVICE: Record<string, MessageDescriptor> = {
  InvalidApiKey: msg`Check the API key set on the studio server, and that its region setting matches the region the key belongs to (Singapore and Beijing keys differ; see the README).`,
  InvalidParameter: msg`A parameter was refused; the message names the field. Fix it in the form and retry.`,
  DataInspectionFailed: msg`The content was blocked by the content-safety check. Rephrase the prompt (or change the input image) and retry.`,
  AccessDenied: msg`The account may not use this model or API. Check the model is activated for your account and region.`,
  ModelNotFound: msg`The model name is not known in this region.`,
  Arrearage: msg`The account has an overdue payment. Top up in the Model Studio console.`,
  Throttling: msg`The account’s rate limit (2 submissions a second, 2 tasks at once; 2 a minute for the max models) was hit even after retries. Wait a moment and retry.`,
  InternalError: msg`DashScope had an internal error. Retrying usually works.`,
  UpstreamUnavailable: msg`The studio server cannot reach DashScope. Check its network, then retry.`,
  UpstreamTimeout: msg`DashScope took too long to answer. Retry.`,
  NetworkError: msg`The studio server cannot be reached. Is it still running?`,
  LinkExpired: msg`The result link expired before the image was saved (links last 24 hours).`,
  Interrupted: msg`The studio server stopped while the request was on its way, so its result is unknown.`,
  PollingLost: msg`The task may still finish at DashScope; retry to keep waiting for it.`,
  TaskUnknown: msg`DashScope keeps task data for 24 hours only.`,
  QuotaExceeded: msg`The browser’s storage is full. Export and delete some images, then retry.`,
  'Model.AccessDenied': msg`This model is not open to your account. Preview models (qwen-image-3.0-pro) need access first: apply for it on the model’s page in the Model Gallery of the Model Studio console, or pick another model.`,
  'Workspace.AccessDenied': msg`The API key’s workspace may not use this model. Grant the model to the workspace in the Model Studio console.`,
  'AccessDenied.Unpurchased': msg`The model is not activated for this account. Activate Model Studio (and the model) in the console.`,
  'AllocationQuota.FreeTierOnly': msg`The free quota for this model is used up and “use free tier only” is on. Turn that switch off in the console to be billed from your balance, or pick another model.`,
  'Throttling.AllocationQuota': msg`The quota is used up: top up the account balance, or wait for the free quota to be renewed, then retry.`,
  'Throttling.RateQuota': msg`Too many submissions for this model (the max models take 2 a minute, the others 2 a second). Wait for the window to pass; the queue spaces them out for you.`,
  ModelUnavailable: msg`The model is temporarily unavailable at DashScope. Wait a few minutes and retry.`,
  RewriteFailed: msg`The prompt rewrite (prompt extend) failed. Retry, or turn prompt extend off.`,
  'BadRequest.TooLarge': msg`The request is too large. Use smaller input images (at most 10 MB each).`,
  'BadRequest.InputDownloadFailed': msg`DashScope could not download an input image. Use a public link or upload the file.`,
  'BadRequest.UnsupportedFileFormat': msg`An input image’s format is not accepted (JPG, PNG, BMP, TIFF, WEBP or GIF).`,
  InvalidURL: msg`An image link is not valid. Check it starts with https:// (or oss:// for an upload).`,
}

const UNKNOWN = msg`The request failed. Retry, or check the details below.`

export function adviceFor(code: string): MessageDescriptor {
  return ADVICE[code] ?? (code.startsWith('Throttling') ? ADVICE.Throttling! : UNKNOWN)
}
