/**
 * Error codes the studio server answers with itself, in the vendor's error-body shape
 * ({request_id, code, message}); the vendor's own codes are in errors.ts. A client reads
 * `retryable` with isRetryable(code, status), which falls back to the status for these.
 */
export const STUDIO_ERROR_CODES = {
  /** No such studio route, or an undocumented path under /api/v1. */
  NotFound: { status: 404 },
  MethodNotAllowed: { status: 405 },
  PayloadTooLarge: { status: 413 },
  /** A request body that is not declared as JSON. */
  UnsupportedMediaType: { status: 415 },
  /** STUDIO_ACCESS_TOKEN is set and the request does not carry it. */
  Unauthorized: { status: 401 },
  /** The request's Host is not a name the studio answers to (DNS rebinding; STUDIO_ALLOWED_HOSTS). */
  HostNotAllowed: { status: 403 },
  /** /api/image: the link is not one the studio fetches (not a result host, not https, …). */
  ImageUrlNotAllowed: { status: 403 },
  ImageNotFound: { status: 404 },
  /** /api/image: the result host refused the signed link; links expire after a day. */
  LinkExpired: { status: 410 },
  /** The upstream could not be reached. */
  UpstreamUnavailable: { status: 502 },
  /** The upstream answered with something the studio does not relay (not JSON, a redirect, …). */
  UpstreamBadResponse: { status: 502 },
  UpstreamTimeout: { status: 504 },
} as const

export type StudioErrorCode = keyof typeof STUDIO_ERROR_CODES

/** Set on a refusal the gateway made itself, without forwarding anything upstream. */
export const REJECTED_BY_HEADER = 'X-Studio-Rejected-By'
