/**
 * Puts src/app/first-read-entry.ts in index.html as its first script, async: built, a chunk of
 * its own (a module script in index.html would be bundled into the studio's entry and wait for
 * it); in dev, the module itself. It then runs while the browser is still fetching and compiling
 * the studio (see src/lib/first-read.ts).
 */
import path from 'node:path'
import type { HtmlTagDescriptor, Plugin } from 'vite'

const ENTRY = 'src/app/first-read-entry.ts'

const scriptTag = (src: string): HtmlTagDescriptor => ({
  tag: 'script',
  attrs: { type: 'module', async: true, crossorigin: true, src },
  injectTo: 'head-prepend',
})

export function firstReadScript(): Plugin {
  let root = process.cwd()
  let base = '/'
  let build = false
  return {
    name: 'qis:first-read-script',
    configResolved(config) {
      root = config.root
      base = config.base
      build = config.command === 'build'
    },
    buildStart() {
      if (build) this.emitFile({ type: 'chunk', id: path.join(root, ENTRY), name: 'first-read' })
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return [scriptTag(`${base}${ENTRY}`)]
        const entry = path.join(root, ENTRY)
        const chunk = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === entry)
        if (!chunk) throw new Error(`first-read-plugin: no chunk was built for ${ENTRY}`)
        return [scriptTag(`${base}${chunk.fileName}`)]
      },
    },
  }
}
