/** Which result links /api/image fetches: the vendor's result hosts, the simulator's links, an overridden base's. */
import { RESULT_HOSTS, STUDIO_ROUTES } from '../shared/api-paths.ts'

export interface ResultUrlPolicy {
  /** Origin of the browser's request to the gateway (the embedded simulator's links carry it). */
  requestOrigin: string
  /** Whether the embedded simulator is mounted at STUDIO_ROUTES.simulator. */
  simulator: boolean
  /** DASHSCOPE_BASE_URL when it overrides the region's (a standalone simulator serves links below it). */
  baseUrl?: string
}

export type ResultUrlVerdict =
  { ok: true; url: URL; via: 'network' | 'simulator' } | { ok: false; code: 'InvalidParameter' | 'ImageUrlNotAllowed'; message: string }

const SIMULATOR_RESULTS = `${STUDIO_ROUTES.simulator}/results/`

/** One or more path segments of plain file-name characters, so nothing but a result file is reachable. */
function isBelow(pathname: string, prefix: string): boolean {
  if (!pathname.startsWith(prefix)) return false
  const segments = pathname.slice(prefix.length).split('/')
  return segments.every((s) => /^[\w.-]+$/.test(s) && s !== '.' && s !== '..')
}

/** The results prefix of an overridden base URL: `.../api/v1` becomes `.../results/`. */
function overrideResults(baseUrl: string): { origin: string; prefix: string } {
  const base = new URL(baseUrl)
  return { origin: base.origin, prefix: `${base.pathname.replace(/\/api\/v1\/?$/, '')}/results/` }
}

const refuse = (code: 'InvalidParameter' | 'ImageUrlNotAllowed', message: string): ResultUrlVerdict => ({
  ok: false,
  code,
  message,
})

export function judgeResultUrl(raw: string | undefined, policy: ResultUrlPolicy): ResultUrlVerdict {
  if (!raw) return refuse('InvalidParameter', 'Give the result link as /api/image?url=<URL-encoded link>.')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return refuse('InvalidParameter', 'The url parameter is not an absolute URL.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return refuse('InvalidParameter', `Only https result links are fetched (got a ${url.protocol} URL).`)
  if (url.username || url.password)
    return refuse('ImageUrlNotAllowed', 'Result links never carry credentials; this one does, so it is not fetched.')

  if (policy.simulator && url.origin === policy.requestOrigin && isBelow(url.pathname, SIMULATOR_RESULTS))
    return { ok: true, url, via: 'simulator' }
  if (policy.baseUrl) {
    const override = overrideResults(policy.baseUrl)
    if (url.origin === override.origin && isBelow(url.pathname, override.prefix)) return { ok: true, url, via: 'network' }
  }
  const resultHost = (RESULT_HOSTS as readonly string[]).includes(url.hostname)
  if (resultHost && url.protocol === 'https:' && url.port === '') return { ok: true, url, via: 'network' }
  if (resultHost) return refuse('ImageUrlNotAllowed', `Result links are fetched over https on the default port only (got ${url.origin}).`)
  return refuse(
    'ImageUrlNotAllowed',
    `${url.hostname} is not one of DashScope's result hosts ` +
      `(${RESULT_HOSTS.length} *.aliyuncs.com names listed in the API reference)` +
      `${policy.simulator ? " nor this studio's simulator" : ''}, so the studio does not fetch from it.`,
  )
}
