/** The studio server's settings, from environment variables (and `.env`). */
import { z } from 'zod'
import { allowedHostProblem } from '../shared/allowed-hosts.ts'
import { WORKSPACE_ID_PATTERN } from '../shared/api-paths.ts'
import { REGIONS, type Region } from '../shared/models.ts'

export interface ServerConfig {
  /** 'live' when DASHSCOPE_API_KEY is set; otherwise the embedded simulator answers. */
  mode: 'live' | 'simulator'
  region: Region
  apiKey: string | undefined
  /** DASHSCOPE_BASE_URL without a trailing slash; undefined means the region's base URL. */
  baseUrl: string | undefined
  /** DASHSCOPE_WORKSPACE_ID: the region's workspace domain instead of the old one (DASHSCOPE_BASE_URL wins). */
  workspaceId: string | undefined
  host: string
  port: number
  /** STUDIO_ACCESS_TOKEN: when set, every request must carry it (required when HOST is not loopback). */
  accessToken: string | undefined
  /** STUDIO_ALLOWED_HOSTS: names besides loopback, IPs and HOST that the studio answers to. */
  allowedHosts: string[]
}

export const MIN_ACCESS_TOKEN_LENGTH = 16

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '')
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h)
}

/** The variable the key is read from (named in /api/config so copy-as-code reads the same one). */
export const API_KEY_VARIABLE = 'DASHSCOPE_API_KEY'

export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_PORT = 8787

export class ServerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `The studio server cannot start: ${problems[0]}.`
        : `The studio server cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
    this.name = 'ServerConfigError'
  }
}

/** Loads `file` into process.env when it exists (variables already set win). Returns whether it did. */
export function loadDotEnv(file = '.env'): boolean {
  try {
    process.loadEnvFile(file)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false
    throw error
  }
}

/** Blank values count as unset. */
const setting = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema)

function baseUrlProblem(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `DASHSCOPE_BASE_URL must be an absolute URL (got "${raw}")`
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `DASHSCOPE_BASE_URL must be an http(s) URL (got "${url.protocol}")`
  if (url.username || url.password)
    return 'DASHSCOPE_BASE_URL must not carry credentials; put the key in DASHSCOPE_API_KEY'
  if (url.search || url.hash) return 'DASHSCOPE_BASE_URL must not have a query or a fragment'
  if (!/\/api\/v1\/?$/.test(url.pathname))
    return `DASHSCOPE_BASE_URL must end in /api/v1, like https://dashscope-intl.aliyuncs.com/api/v1 (got "${raw}")`
  return null
}

const Env = z.object({
  DASHSCOPE_API_KEY: setting(z.string().trim().optional()),
  DASHSCOPE_REGION: setting(
    z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(REGIONS, { error: (i) => `DASHSCOPE_REGION must be ${REGIONS.join(' or ')} (got "${String(i.input)}")` }))
      .default('singapore'),
  ),
  DASHSCOPE_BASE_URL: setting(
    z
      .string()
      .trim()
      .check((ctx) => {
        const problem = baseUrlProblem(ctx.value)
        if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value })
      })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
  ),
  DASHSCOPE_WORKSPACE_ID: setting(
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(WORKSPACE_ID_PATTERN, {
        error: (i) => `DASHSCOPE_WORKSPACE_ID must be the workspace id from the console's Workspace Details page, letters, digits and hyphens (got "${String(i.input)}")`,
      })
      .optional(),
  ),
  HOST: setting(z.string().trim().default(DEFAULT_HOST)),
  STUDIO_ACCESS_TOKEN: setting(
    z
      .string()
      .trim()
      .min(MIN_ACCESS_TOKEN_LENGTH, {
        error: `STUDIO_ACCESS_TOKEN must be at least ${MIN_ACCESS_TOKEN_LENGTH} characters (e.g. the output of \`openssl rand -hex 24\`)`,
      })
      .optional(),
  ),
  STUDIO_ALLOWED_HOSTS: setting(
    z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((entry) => entry.trim().toLowerCase())
          .filter(Boolean),
      )
      .check((ctx) => {
        for (const entry of ctx.value) {
          const problem = allowedHostProblem(entry)
          if (problem) ctx.issues.push({ code: 'custom', message: problem, input: entry })
        }
      })
      .default([]),
  ),
  PORT: setting(
    z
      .string()
      .trim()
      .regex(/^\d+$/, { error: (i) => `PORT must be a whole number from 0 to 65535 (got "${String(i.input)}")` })
      .transform(Number)
      .pipe(z.number().max(65535, { error: (i) => `PORT must be at most 65535 (got ${String(i.input)})` }))
      .default(DEFAULT_PORT),
  ),
})

/** Reads the settings; throws ServerConfigError listing every problem. Does not read `.env` itself. */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = Env.safeParse(env)
  if (!parsed.success) throw new ServerConfigError(parsed.error.issues.map((i) => i.message))
  const {
    DASHSCOPE_API_KEY: apiKey,
    DASHSCOPE_REGION: region,
    DASHSCOPE_BASE_URL: baseUrl,
    DASHSCOPE_WORKSPACE_ID: workspaceId,
    HOST: host,
    PORT: port,
    STUDIO_ACCESS_TOKEN: accessToken,
    STUDIO_ALLOWED_HOSTS: allowedHosts,
  } = parsed.data
  if (!isLoopbackHost(host) && !accessToken)
    throw new ServerConfigError([
      `HOST=${host} lets other machines reach the studio, and through it your DashScope key: ` +
        `set STUDIO_ACCESS_TOKEN (at least ${MIN_ACCESS_TOKEN_LENGTH} characters) so that only people who have it can use it, ` +
        'or bind to 127.0.0.1',
    ])
  return { mode: apiKey ? 'live' : 'simulator', region, apiKey, baseUrl, workspaceId, host, port, accessToken, allowedHosts }
}
