// @vitest-environment node
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_HOST, DEFAULT_PORT, loadDotEnv, parseServerConfig, ServerConfigError } from './server-config.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseServerConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ServerConfigError)
    return (error as ServerConfigError).problems
  }
  throw new Error('expected a ServerConfigError')
}

describe('parseServerConfig', () => {
  it('defaults to the simulator in Singapore on 127.0.0.1:8787', () => {
    expect(parseServerConfig({})).toEqual({
      mode: 'simulator',
      region: 'singapore',
      apiKey: undefined,
      baseUrl: undefined,
      host: DEFAULT_HOST,
      port: DEFAULT_PORT,
      allowedHosts: [],
    })
    expect(DEFAULT_HOST).toBe('127.0.0.1')
    expect(DEFAULT_PORT).toBe(8787)
  })

  it('is live when a key is set, and trims it', () => {
    const config = parseServerConfig({ DASHSCOPE_API_KEY: '  sk-test-123 \n' })
    expect(config.mode).toBe('live')
    expect(config.apiKey).toBe('sk-test-123')
  })

  it('treats blank values as unset', () => {
    expect(parseServerConfig({ DASHSCOPE_API_KEY: '   ', DASHSCOPE_REGION: '', HOST: '', PORT: ' ' })).toMatchObject({
      mode: 'simulator',
      region: 'singapore',
      host: '127.0.0.1',
      port: 8787,
    })
  })

  it('reads STUDIO_ALLOWED_HOSTS as a comma list of host names, and refuses anything else', () => {
    expect(parseServerConfig({ STUDIO_ALLOWED_HOSTS: ' Studio.lan, .team.example ,,' }).allowedHosts).toEqual([
      'studio.lan',
      '.team.example',
    ])
    expect(problemsOf({ STUDIO_ALLOWED_HOSTS: 'studio.lan,http://x.example:80' })).toEqual([
      'STUDIO_ALLOWED_HOSTS lists host names separated by commas, like studio.lan,.example.lan (got "http://x.example:80")',
    ])
  })

  it('reads the region, whatever its case', () => {
    expect(parseServerConfig({ DASHSCOPE_REGION: 'beijing' }).region).toBe('beijing')
    expect(parseServerConfig({ DASHSCOPE_REGION: ' Singapore ' }).region).toBe('singapore')
  })

  it('refuses an unknown region with a clear message', () => {
    expect(problemsOf({ DASHSCOPE_REGION: 'tokyo' })).toEqual(['DASHSCOPE_REGION must be singapore or beijing (got "tokyo")'])
  })

  it('reads HOST and PORT, including port 0', () => {
    const shared = { HOST: '0.0.0.0', PORT: '9000', STUDIO_ACCESS_TOKEN: 'a-token-of-16-chars+' }
    expect(parseServerConfig(shared)).toMatchObject({ host: '0.0.0.0', port: 9000 })
    expect(parseServerConfig({ PORT: '0' }).port).toBe(0)
  })

  it.each(['abc', '-1', '80.5', '1e3'])('refuses PORT=%s', (port) => {
    expect(problemsOf({ PORT: port })).toEqual([`PORT must be a whole number from 0 to 65535 (got "${port}")`])
  })

  it('refuses a port above 65535', () => {
    expect(problemsOf({ PORT: '65536' })).toEqual(['PORT must be at most 65535 (got 65536)'])
  })

  it('takes a base URL that ends in /api/v1, without a trailing slash', () => {
    expect(parseServerConfig({ DASHSCOPE_BASE_URL: 'http://127.0.0.1:9000/api/v1/' }).baseUrl).toBe('http://127.0.0.1:9000/api/v1')
    expect(parseServerConfig({ DASHSCOPE_BASE_URL: 'https://proxy.example/dashscope/api/v1' }).baseUrl).toBe(
      'https://proxy.example/dashscope/api/v1',
    )
  })

  it.each([
    ['https://dashscope-intl.aliyuncs.com', 'must end in /api/v1'],
    ['https://dashscope-intl.aliyuncs.com/api/v2', 'must end in /api/v1'],
    ['dashscope-intl.aliyuncs.com/api/v1', 'must be an absolute URL'],
    ['ftp://example.com/api/v1', 'must be an http(s) URL'],
    ['https://user:secret@example.com/api/v1', 'must not carry credentials'],
    ['https://example.com/api/v1?x=1', 'must not have a query'],
  ])('refuses DASHSCOPE_BASE_URL=%s', (url, message) => {
    const [problem] = problemsOf({ DASHSCOPE_BASE_URL: url })
    expect(problem).toContain('DASHSCOPE_BASE_URL')
    expect(problem).toContain(message)
  })

  it('does not echo credentials of a base URL in its message', () => {
    expect(problemsOf({ DASHSCOPE_BASE_URL: 'https://user:secret@example.com/api/v1' }).join()).not.toContain('secret')
  })

  it('lists every problem at once, in a message fit for the console', () => {
    try {
      parseServerConfig({ DASHSCOPE_REGION: 'mars', PORT: 'x', DASHSCOPE_BASE_URL: 'nope' })
      expect.unreachable()
    } catch (error) {
      const { problems, message } = error as ServerConfigError
      expect(problems).toHaveLength(3)
      expect(message).toMatch(/^The studio server cannot start:\n {2}- /)
      for (const p of problems) expect(message).toContain(p)
    }
  })
})

describe('loadDotEnv', () => {
  const names = ['STUDIO_TEST_FROM_FILE', 'STUDIO_TEST_ALREADY_SET']
  const savedKey = process.env.DASHSCOPE_API_KEY
  afterEach(() => {
    for (const n of names) delete process.env[n]
    if (savedKey === undefined) delete process.env.DASHSCOPE_API_KEY
    else process.env.DASHSCOPE_API_KEY = savedKey
  })

  it('returns false when the file is absent', () => {
    expect(loadDotEnv(join(tmpdir(), 'no-such-dir-for-studio', '.env'))).toBe(false)
  })

  it('loads the file into process.env, and variables already set win', () => {
    const dir = temporaryFolder('studio-env-')
    const file = join(dir, '.env')
    writeFileSync(file, 'STUDIO_TEST_FROM_FILE=from-file\nSTUDIO_TEST_ALREADY_SET=from-file\n')
    process.env.STUDIO_TEST_ALREADY_SET = 'from-environment'
    expect(loadDotEnv(file)).toBe(true)
    expect(process.env.STUDIO_TEST_FROM_FILE).toBe('from-file')
    expect(process.env.STUDIO_TEST_ALREADY_SET).toBe('from-environment')
  })

  it('keeps an empty key set in the environment over a key in the file, so simulator mode can be forced', () => {
    const dir = temporaryFolder('studio-env-')
    const file = join(dir, '.env')
    writeFileSync(file, 'DASHSCOPE_API_KEY=sk-from-the-file\n')
    process.env.DASHSCOPE_API_KEY = ''
    loadDotEnv(file)
    expect(parseServerConfig(process.env).mode).toBe('simulator')
  })
})
