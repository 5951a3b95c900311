import { useLingui } from '@lingui/react/macro'
import { chooseLocale, LOCALES, type Locale } from '../lib/i18n/locale.ts'

/** Each language named in itself, so anyone can find their own. */
const NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' }

/** English or 简体中文: starts from the browser's languages; the choice is kept. */
export function LanguageSwitch() {
  const { t, i18n } = useLingui()
  return (
    <select
      aria-label={t`Language`}
      value={i18n.locale}
      onChange={(e) => void chooseLocale(e.target.value as Locale)}
      className="min-h-11 rounded-lg border border-zinc-700 bg-zinc-950 px-2 sm:min-h-9 text-sm text-zinc-200 hover:border-zinc-500"
    >
      {LOCALES.map((locale) => (
        <option key={locale} value={locale} lang={locale}>
          {NAMES[locale]}
        </option>
      ))}
    </select>
  )
}
