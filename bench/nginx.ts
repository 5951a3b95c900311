/**
 * A standard reverse proxy to compare the studio's gateway with: Debian's nginx (installed with
 * apt-get when missing), in front of the same upstream, with keep-alive to it and the key added
 * as the gateway adds it. Runs in the foreground from a temporary folder of its own.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'

const CANDIDATES = ['/usr/sbin/nginx', '/usr/bin/nginx']

/** The nginx executable, installed from Debian's packages if there is none. */
function findOrInstallNginx(): string {
  const found = () => CANDIDATES.find((p) => existsSync(p))
  if (found()) return found()!
  console.log("No nginx found; installing Debian's nginx package (apt-get)…")
  const root = process.getuid?.() === 0
  const run = (args: string[]) =>
    spawnSync(root ? args[0]! : 'sudo', root ? args.slice(1) : args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    }).status === 0
  if (!run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'nginx'])) {
    run(['apt-get', 'update', '-q'])
    run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'nginx'])
  }
  const installed = found()
  if (!installed) throw new Error('nginx is not installed and apt-get could not install it (apt-get install -y nginx)')
  return installed
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface RunningNginx {
  /** http://127.0.0.1:<port>: the same paths as the upstream. */
  url: string
  close: () => Promise<void>
}

/** nginx proxying every path to `upstreamOrigin` (http://127.0.0.1:<port>), adding `Authorization`. */
export async function startNginx(upstreamOrigin: string, authorization: string): Promise<RunningNginx> {
  const nginx = findOrInstallNginx()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qis-bench-nginx-'))
  const port = await freePort()
  const upstream = new URL(upstreamOrigin).host
  writeFileSync(
    path.join(dir, 'nginx.conf'),
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 64m;
  upstream simulator { server ${upstream}; keepalive 16; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://simulator;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "${authorization}";
    }
  }
}
`,
  )
  const child: ChildProcess = spawn(nginx, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 10_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}`)
    const up = await fetch(url, { method: 'HEAD' }).then(
      () => true,
      () => false,
    )
    if (up) break
    if (Date.now() > deadline) throw new Error('nginx did not answer in 10 s')
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit')
        child.kill('SIGQUIT')
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
