// @vitest-environment node
/**
 * `npm start` on a network address without STUDIO_ACCESS_TOKEN: one plain sentence on stderr,
 * exit code 1, no stack trace and no build first.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('scripts/start.ts', () => {
  it('on a non-loopback HOST without a token, says why in one sentence and exits 1', { timeout: 40_000 }, async () => {
    const { code, stdout, stderr } = await run({ HOST: '0.0.0.0', PORT: '9156', DASHSCOPE_API_KEY: '', STUDIO_ACCESS_TOKEN: '' })
    const lines = stderr.trim().split('\n')
    console.log(`start without a token on 0.0.0.0: exit ${code}, ${lines.length} line(s) on stderr: ${stderr.trim()}`)
    expect(code).toBe(1)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^The studio server cannot start: HOST=0\.0\.0\.0 .*STUDIO_ACCESS_TOKEN.*\.$/)
    expect(stderr).not.toMatch(/\n\s+at |Error:/)
    expect(stdout).toBe('')
  })
})
