/** The studio server's app from its settings: the gateway, with the embedded simulator when there is no key. */
import type { Hono } from 'hono'
import { STUDIO_ROUTES } from '../shared/api-paths.ts'
import type { SimulatorOptions } from '../simulator/create-simulator.ts'
import { simulatorAdminFromEnv, simulatorOptionsFromEnv } from '../simulator/env-options.ts'
import type { FastPath } from './api-fast-path.ts'
import { buildGateway, type GatewayOptions } from './create-gateway.ts'
import type { JobQueue } from './jobs/embedded-queue.ts'
import { createQueue } from './jobs/create-queue.ts'
import { queueSettingsFromEnv, redactedUrl } from './jobs/queue-settings.ts'
import { ServerConfigError, type ServerConfig } from './server-config.ts'

export interface StudioApp {
  app: Hono
  /** Plain /api/v1 requests, answered straight off Node's server (./api-fast-path.ts). */
  fastPath: FastPath
  /** For the start-up line, e.g. "mode: live, region singapore". */
  modeLine: string
  /** Once the server listens at `url`: the job queue starts (and recovers what it journaled). */
  start(url: string): Promise<void>
  /** Stops the job queue and the embedded simulator's timers, if any. */
  close(): Promise<void>
}

/** The SIMULATOR_* variables, their problems reported like the server's own settings. */
function simulatorSettings(env: NodeJS.ProcessEnv): SimulatorOptions & { admin: boolean } {
  try {
    return { ...simulatorOptionsFromEnv(env), admin: simulatorAdminFromEnv(env) }
  } catch (error) {
    throw new ServerConfigError([(error as Error).message])
  }
}

export async function createStudioApp(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
  overrides: Pick<GatewayOptions, 'fetch' | 'timeouts'> = {},
): Promise<StudioApp> {
  const { mode, region, apiKey, baseUrl, workspaceId, accessToken } = config
  const allowedHosts = [config.host, ...config.allowedHosts]
  const { settings, problems } = queueSettingsFromEnv(env)
  if (problems.length) throw new ServerConfigError(problems)
  let queue: JobQueue | undefined
  const jobs: GatewayOptions['jobs'] = (ctx) => (queue = createQueue(settings, { ...ctx, log }))
  const queueLine = settings.redisUrl
    ? `; queue in Redis at ${redactedUrl(settings.redisUrl)}`
    : `; queue journal ${settings.dataDir === ':memory:' ? 'in memory' : `in ${settings.dataDir}`}`
  const start = async (url: string) => queue?.start(url)
  if (mode === 'live') {
    const upstream = baseUrl ? `, upstream ${baseUrl}` : workspaceId ? `, workspace ${workspaceId}` : ''
    return {
      ...buildGateway({ mode, region, apiKey, baseUrl, workspaceId, log, accessToken, allowedHosts, jobs, ...overrides }),
      modeLine: `mode: live, region ${region}${upstream}${queueLine}`,
      start,
      close: async () => queue?.close(),
    }
  }
  // Loaded only when needed: a live studio never loads the renderer.
  const { createSimulator } = await import('../simulator/create-simulator.ts')
  const simulator = createSimulator({ ...simulatorSettings(env), basePath: STUDIO_ROUTES.simulator, allowedHosts })
  const ignored = baseUrl ? '; DASHSCOPE_BASE_URL is ignored without a key' : ''
  return {
    ...buildGateway({ mode, region, simulator, log, accessToken, allowedHosts, jobs, ...overrides }),
    modeLine: `mode: simulator (no DASHSCOPE_API_KEY set; images come from the embedded offline simulator${ignored})${queueLine}`,
    start,
    close: async () => {
      await queue?.close()
      simulator.close()
    },
  }
}
