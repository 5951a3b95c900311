/**
 * The studio's language: the stored choice, else the browser's first English or Chinese
 * preference, else English. Catalogs load lazily (one small chunk per language); the first render
 * waits for the active one, so the page never shows the other language first.
 */
import { i18n, type Messages } from '@lingui/core'
import { t } from '@lingui/core/macro'

export const LOCALES = ['en', 'zh-CN'] as const
export type Locale = (typeof LOCALES)[number]

const KEY = 'qis:locale'

const catalogs: Record<Locale, () => Promise<{ messages: Messages }>> = {
  en: () => import('../../locales/en.po'),
  'zh-CN': () => import('../../locales/zh-CN.po'),
}

const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale)

/** The language to start in: `stored` if it is one of ours, else the first of `preferred` we speak. */
export function pickLocale(stored: string | null, preferred: readonly string[]): Locale {
  if (isLocale(stored)) return stored
  for (const tag of preferred) {
    const lower = tag.toLowerCase()
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN'
    if (lower === 'en' || lower.startsWith('en-')) return 'en'
  }
  return 'en'
}

export const startingLocale = (): Locale => pickLocale(localStorage.getItem(KEY), navigator.languages)

/** Loads `locale`'s catalog, makes it active and sets `<html lang>` and the page title. */
export async function activateLocale(locale: Locale): Promise<void> {
  const { messages } = await catalogs[locale]()
  i18n.loadAndActivate({ locale, messages })
  document.documentElement.lang = locale
  document.title = t`Qwen Image Studio`
}

/** The switch: remembers the choice and changes the language now. */
export async function chooseLocale(locale: Locale): Promise<void> {
  localStorage.setItem(KEY, locale)
  await activateLocale(locale)
}
