import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { lingui } from '@lingui/vite-plugin'
import { firstReadScript } from './scripts/first-read-plugin.ts'
import { linguiMacros } from './scripts/lingui-macro-plugin.ts'
import { studioGateway } from './src/proxy/vite-plugin.ts'

// `npm run dev`: the gateway (and, with no key, the simulator) is mounted in Vite's dev server,
// so one process serves the SPA with hot reload and the API on one port. The language catalogs
// (src/locales/*.po) are compiled on import and load lazily, one per language.
export default defineConfig({
  plugins: [linguiMacros(), react(), lingui(), tailwindcss(), studioGateway(), firstReadScript()],
  server: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT ?? 5173), strictPort: true },
  build: { outDir: 'dist', emptyOutDir: true },
})
