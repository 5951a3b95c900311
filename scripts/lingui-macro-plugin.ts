import { transformAsync } from '@babel/core'
import type { Plugin } from 'vite'

/**
 * Lingui's macros (`t`, `<Trans>`, `plural`) compiled away at build time. @vitejs/plugin-react 6
 * no longer runs Babel, so this runs Lingui's Babel macro plugin on the files that import a macro.
 */
export function linguiMacros(): Plugin {
  return {
    name: 'studio:lingui-macros',
    enforce: 'pre',
    async transform(code, id) {
      if (id.includes('/node_modules/') || !/\.tsx?$/.test(id) || !code.includes('/macro')) return null
      if (!/from '@lingui\/(core|react)\/macro'/.test(code)) return null
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: id.endsWith('.tsx') ? ['typescript', 'jsx'] : ['typescript'] },
        plugins: ['@lingui/babel-plugin-lingui-macro'],
      })
      return result?.code ? { code: result.code, map: result.map } : null
    },
  }
}
