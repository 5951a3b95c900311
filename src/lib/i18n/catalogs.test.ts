// The catalogs are complete: every message of the code (as `lingui extract` finds it now) is in
// both languages, translated, and neither catalog keeps a message the code no longer has.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { expect, it } from 'vitest'
import { temporaryFolder } from '../../testing/temporary-folder.ts'

const root = path.resolve(import.meta.dirname, '../../..')
const LOCALES = ['en', 'zh-CN']

/** msgid → msgstr of a .po file (Lingui writes one line each). */
function readPo(file: string): Map<string, string> {
  const entries = new Map<string, string>()
  const text = readFileSync(file, 'utf8')
  for (const m of text.matchAll(/^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"/gm)) if (m[1]) entries.set(m[1], m[2]!)
  return entries
}

it('both catalogs hold every message of the code, translated, and nothing stale', () => {
  // Extract from the code as it is now into a scratch folder, with the project's own settings.
  const out = temporaryFolder('qis-lingui-')
  const config = path.join(out, 'lingui.config.cjs')
  writeFileSync(
    config,
    `module.exports = ${JSON.stringify({
      sourceLocale: 'en',
      locales: LOCALES,
      rootDir: root,
      catalogs: [
        {
          path: path.join(out, '{locale}'),
          include: ['src/app', 'src/features', 'src/components', 'src/lib'].map((d) => path.join(root, d)),
          exclude: ['**/*.test.ts', '**/*.test.tsx'],
        },
      ],
    })}`,
  )
  execFileSync('npx', ['lingui', 'extract', '--config', config, '--locale', 'en', '--workers', '1'], { cwd: root, stdio: 'pipe' })
  const code = [...readPo(path.join(out, 'en.po')).keys()].sort()
  expect(code.length).toBeGreaterThan(300)
  for (const locale of LOCALES) {
    const catalog = readPo(path.join(root, 'src/locales', `${locale}.po`))
    const missing = code.filter((id) => !catalog.has(id))
    const stale = [...catalog.keys()].filter((id) => !code.includes(id))
    const untranslated = [...catalog].filter(([, str]) => str === '').map(([id]) => id)
    expect({ locale, missing, stale, untranslated }).toEqual({ locale, missing: [], stale: [], untranslated: [] })
  }
}, 60_000)
