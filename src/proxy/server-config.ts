/** The studio server's settings, from environment variables (and `.env`). */
import * as z from 'zod/mini'
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
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
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
const setting = <T extends z.ZodMiniType>(schema: T) =>
  z.pipe(
    z.transform((v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)),
    schema,
  )

/** A check that adds `problem(value)`, when there is one, as the setting's message. */
const problemCheck = <T>(problem: (value: T) => string | null | (string | null)[]) =>
  z.superRefine<T>((value, ctx) => {
    for (const message of [problem(value)].flat()) if (message) ctx.addIssue({ code: 'custom', message, input: value })
  })

function baseUrlProblem(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `DASHSCOPE_BASE_URL must be an absolute URL (got "${raw}")`
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `DASHSCOPE_BASE_URL must be an http(s) URL (got "${url.protocol}")`
  if (url.username || url.password) return 'DASHSCOPE_BASE_URL must not carry credentials; put the key in DASHSCOPE_API_KEY'
  if (url.search || url.hash) return 'DASHSCOPE_BASE_URL must not have a query or a fragment'
  if (!/\/api\/v1\/?$/.test(url.pathname))
    return `DASHSCOPE_BASE_URL must end in /api/v1, like https://dashscope-intl.aliyuncs.com/api/v1 (got "${raw}")`
  return null
}

const text = () => z.string().check(z.trim())

const Env = z.object({
  DASHSCOPE_API_KEY: setting(z.optional(text())),
  DASHSCOPE_REGION: setting(
    z._default(
      z.pipe(
        text().check(z.toLowerCase()),
        z.enum(REGIONS, { error: (i) => `DASHSCOPE_REGION must be ${REGIONS.join(' or ')} (got "${String(i.input)}")` }),
      ),
      'singapore',
    ),
  ),
  DASHSCOPE_BASE_URL: setting(
    z.optional(
      z.pipe(
        text().check(problemCheck(baseUrlProblem)),
        z.transform((url: string) => url.replace(/\/+$/, '')),
      ),
    ),
  ),
  DASHSCOPE_WORKSPACE_ID: setting(
    z.optional(
      text().check(
        z.toLowerCase(),
        z.regex(WORKSPACE_ID_PATTERN, {
          error: (i) =>
            `DASHSCOPE_WORKSPACE_ID must be the workspace id from the console's Workspace Details page, letters, digits and hyphens (got "${String(i.input)}")`,
        }),
      ),
    ),
  ),
  HOST: setting(z._default(text(), DEFAULT_HOST)),
  STUDIO_ACCESS_TOKEN: setting(
    z.optional(
      text().check(
        z.minLength(MIN_ACCESS_TOKEN_LENGTH, {
          error: `STUDIO_ACCESS_TOKEN must be at least ${MIN_ACCESS_TOKEN_LENGTH} characters (e.g. the output of \`openssl rand -hex 24\`)`,
        }),
      ),
    ),
  ),
  STUDIO_ALLOWED_HOSTS: setting(
    z._default(
      z
        .pipe(
          z.string(),
          z.transform((list: string) =>
            list
              .split(',')
              .map((entry) => entry.trim().toLowerCase())
              .filter(Boolean),
          ),
        )
        .check(problemCheck((entries: string[]) => entries.map(allowedHostProblem))),
      [],
    ),
  ),
  PORT: setting(
    z._default(
      z.pipe(
        z.pipe(
          text().check(z.regex(/^\d+$/, { error: (i) => `PORT must be a whole number from 0 to 65535 (got "${String(i.input)}")` })),
          z.transform(Number),
        ),
        z.number().check(z.lte(65535, { error: (i) => `PORT must be at most 65535 (got ${String(i.input)})` })),
      ),
      DEFAULT_PORT,
    ),
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
