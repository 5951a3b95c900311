import { setTheme, useTheme } from './theme.ts'
import { useLingui } from '@lingui/react/macro'

/** Flips between light and dark; the choice is kept (it starts from the system's preference). */
export function ThemeSwitch() {
  const theme = useTheme()
  const { t } = useLingui()
  return (
    <button
      type="button"
      aria-pressed={theme === 'dark'}
      onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      className="min-h-11 rounded-lg border border-zinc-700 px-3 sm:min-h-9 text-sm text-zinc-200 hover:border-zinc-500"
    >
      {t`Dark theme`}
    </button>
  )
}
