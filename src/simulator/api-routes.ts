/** /api/v1: request counting, housekeeping and Bearer authentication, then the vendor's endpoints. */
import { Hono } from 'hono'
import { ERROR_MESSAGES } from '../shared/errors.ts'
import { jsonError } from './error-response.ts'
import { FAULT_HEADER, resetBody } from './faults.ts'
import { registerGenerationRoutes } from './generation-routes.ts'
import { sweep, type Core } from './simulator-core.ts'
import { registerTaskRoutes } from './task-routes.ts'
import { registerUploadRoutes } from './upload-routes.ts'

export const API_PREFIX = '/api/v1'

export interface ApiEnv {
  Variables: { apiKey: string }
}

export function apiRoutes(core: Core): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>()
  api.use('*', async (c, next) => {
    core.counters.requests++
    sweep(core)
    const header = c.req.header('Authorization')?.trim() ?? ''
    if (!header) return jsonError('InvalidApiKey', ERROR_MESSAGES.noKey)
    const m = /^Bearer\s+(\S+)$/i.exec(header)
    if (!m || !core.opts.apiKeys.includes(m[1]!)) return jsonError('InvalidApiKey', ERROR_MESSAGES.invalidKey)
    c.set('apiKey', m[1]!)
    const faults = core.faults.take('request', c.req.header(FAULT_HEADER))
    if (faults.includes('slow')) await core.timers.sleep(core.faults.slowMs)
    if (faults.includes('connection-reset')) return new Response(resetBody(), { headers: { 'Content-Type': 'application/json' } })
    if (faults.includes('internal-error'))
      return jsonError('InternalError', 'An internal error has occurred (injected fault internal-error). Please try again later.')
    if (faults.includes('throttling')) {
      core.counters.throttled++
      return jsonError('Throttling', ERROR_MESSAGES.throttled)
    }
    await next()
  })
  registerGenerationRoutes(api, core)
  registerTaskRoutes(api, core)
  registerUploadRoutes(api, core)
  return api
}
