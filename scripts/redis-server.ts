/**
 * A real redis-server of a test's own (Redis mode's tests and the queue bench): on a free
 * loopback port, its files in a temporary folder, stopped (and the folder removed) after.
 * scripts/ensure-redis.mjs finds or installs the server first; REDIS_SERVER names another one.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export interface RedisServer {
  url: string
  stop(): Promise<void>
}

export async function startRedisServer(): Promise<RedisServer> {
  const bin = process.env.REDIS_SERVER || '/usr/bin/redis-server'
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qis-redis-'))
  const port = await freePort()
  // No snapshots, no append-only file: a test's Redis lives as long as the test.
  const child = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start in 10 s: ${output.join('')}`)), 10_000)
    const seen = (b: Buffer) => {
      output.push(b.toString())
      if (output.join('').includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', seen)
    child.stderr.on('data', seen)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`${bin} could not be started (node scripts/ensure-redis.mjs installs it): ${error.message}`))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`redis-server exited (${code}): ${output.join('')}`))
    })
  })
  child.stdout.removeAllListeners('data')
  child.stderr.removeAllListeners('data')
  child.stdout.resume()
  child.stderr.resume()
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGKILL')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
