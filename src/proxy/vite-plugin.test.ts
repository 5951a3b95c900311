// @vitest-environment node
import { EventEmitter } from 'node:events'
import { createServer, type Server } from 'node:http'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Connect, ViteDevServer } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { gatewayMiddleware, studioGateway } from './vite-plugin.ts'

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
    const gateway = await gatewayMiddleware({ SIMULATOR_QUEUE_MS: '5' }, () => {})
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

  it('is live with a key, and never sends the key to the browser', async () => {
    const gateway = await gatewayMiddleware({ DASHSCOPE_API_KEY: 'sk-dev-secret', DASHSCOPE_REGION: 'beijing' }, () => {})
    expect(gateway.modeLine).toBe('mode: live, region beijing')
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
      config: { root: mkdtempSync(join(tmpdir(), 'studio-vite-')), logger: { info: (msg: string) => infos.push(msg) } },
      middlewares: { use: (fn: Connect.NextHandleFunction) => used.push(fn) },
      httpServer,
    } as unknown as ViteDevServer
    const configure = plugin.configureServer as (server: ViteDevServer) => Promise<void>
    await configure(server)
    expect(used).toHaveLength(1)
    expect(infos).toHaveLength(1)
    expect(infos[0]).toMatch(/^Qwen Image Studio gateway — mode: (simulator|live)/)
    httpServer.emit('close')
  })
})
