// @vitest-environment node
import { EventEmitter } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Connect, ViteDevServer } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { rawRequest } from '../testing/test-upstream.ts'
import { gatewayMiddleware, studioGateway } from './vite-plugin.ts'
import { temporaryFolder } from '../testing/temporary-folder.ts'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A plain HTTP server running `middleware` before a stand-in for Vite, which answers 418. */
async function serveWith(middleware: Connect.NextHandleFunction): Promise<string> {
  const server: Server = createServer((req, res) =>
    middleware(req, res, () => {
      res.statusCode = 418
      res.end('vite')
    }),
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(resolve)))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('gatewayMiddleware', () => {
  it('answers /api/* and /simulator/* and hands everything else on to Vite', async () => {
    const gateway = await gatewayMiddleware({ SIMULATOR_QUEUE_MS: '5', SIMULATOR_ADMIN: '1' }, () => {})
    cleanups.push(() => gateway.close())
    expect(gateway.modeLine).toMatch(/^mode: simulator/)
    const url = await serveWith(gateway.middleware)

    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok', mode: 'simulator' })
    expect((await fetch(`${url}/api/nothing`)).status).toBe(404)
    expect((await fetch(`${url}/simulator/__admin/stats`)).status).toBe(200)
    for (const path of ['/', '/src/main.tsx', '/apiary', '/@vite/client']) {
      const res = await fetch(`${url}${path}`)
      expect(res.status).toBe(418)
    }
  })

  it("refuses a foreign Host on Vite's pages too, and answers loopback and STUDIO_ALLOWED_HOSTS names", async () => {
    const gateway = await gatewayMiddleware({ STUDIO_ALLOWED_HOSTS: 'studio.lan' }, () => {})
    cleanups.push(() => gateway.close())
    const url = await serveWith(gateway.middleware)
    const port = new URL(url).port
    const seen: string[] = []
    for (const path of ['/', '/src/main.tsx', '/api/health', '/simulator/__admin/stats']) {
      const foreign = await rawRequest(`${url}${path}`, { headers: { host: `rebind.example:${port}` } })
      expect(foreign.status).toBe(403)
      expect(JSON.parse(foreign.text)).toMatchObject({ code: 'HostNotAllowed' })
      for (const name of ['localhost', 'studio.lan']) {
        const allowed = await rawRequest(`${url}${path}`, { headers: { host: `${name}:${port}` } })
        seen.push(`${name}${path} ${allowed.status}`)
      }
    }
    console.log(`vite plugin: foreign Host refused 403 on 4 paths; allowed: ${seen.join(', ')}`)
    expect(seen.every((s) => / (200|404|418)$/.test(s) && !s.endsWith(' 403'))).toBe(true)
  })

  it('is live with a key, and never sends the key to the browser', async () => {
    const gateway = await gatewayMiddleware(
      { DASHSCOPE_API_KEY: 'sk-dev-secret', DASHSCOPE_REGION: 'beijing', STUDIO_DATA_DIR: ':memory:' },
      () => {},
    )
    expect(gateway.modeLine).toBe('mode: live, region beijing; queue journal in memory')
    const url = await serveWith(gateway.middleware)
    const text = await (await fetch(`${url}/api/config`)).text()
    expect(text).toContain('"mode":"live"')
    expect(text).not.toContain('sk-dev-secret')
  })
})

describe('studioGateway', () => {
  it('mounts the gateway in the dev server, logs the mode once and closes with the server', async () => {
    const plugin = studioGateway()
    expect(plugin.name).toBe('qwen-image-studio-gateway')
    const used: Connect.NextHandleFunction[] = []
    const infos: string[] = []
    const httpServer = new EventEmitter()
    const server = {
      config: { root: temporaryFolder('studio-vite-'), logger: { info: (msg: string) => infos.push(msg) } },
      middlewares: { use: (fn: Connect.NextHandleFunction) => used.push(fn) },
      httpServer,
    } as unknown as ViteDevServer
    const saved = process.env.STUDIO_ALLOWED_HOSTS
    process.env.STUDIO_ALLOWED_HOSTS = 'studio.lan'
    const config = (plugin.config as (user: object) => { server: { allowedHosts: string[] } })({})
    if (saved === undefined) delete process.env.STUDIO_ALLOWED_HOSTS
    else process.env.STUDIO_ALLOWED_HOSTS = saved
    // Vite's own Host check runs first: it must let the configured names through.
    expect(config.server.allowedHosts).toEqual(['studio.lan'])
    const configure = plugin.configureServer as (server: ViteDevServer) => Promise<void>
    await configure(server)
    expect(used).toHaveLength(1)
    expect(infos).toHaveLength(1)
    expect(infos[0]).toMatch(/^Qwen Image Studio gateway — mode: (simulator|live)/)
    httpServer.emit('close')
  })
})
