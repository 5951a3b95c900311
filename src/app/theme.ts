/** Light or dark: the system's preference unless the switch chose one (kept in localStorage). */
import { useSyncExternalStore } from 'react'

export type ThemeChoice = 'system' | 'light' | 'dark'

const KEY = 'qis:theme'
const prefersLight = window.matchMedia('(prefers-color-scheme: light)')
const listeners = new Set<() => void>()

function readChoice(): ThemeChoice {
  const stored = localStorage.getItem(KEY)
  return stored === 'light' || stored === 'dark' ? stored : 'system'
}

let choice = readChoice()

function apply() {
  const light = choice === 'light' || (choice === 'system' && prefersLight.matches)
  document.documentElement.classList.toggle('light', light)
  document.documentElement.classList.toggle('dark', !light)
  listeners.forEach((l) => l())
}

/** Applies the theme now (before the first render, so there is no flash) and follows the system. */
export function startTheme() {
  apply()
  prefersLight.addEventListener('change', apply)
}

export function setTheme(next: ThemeChoice) {
  choice = next
  if (next === 'system') localStorage.removeItem(KEY)
  else localStorage.setItem(KEY, next)
  apply()
}

/** The theme in effect ('light' | 'dark'). */
export function useTheme(): 'light' | 'dark' {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l)
      return () => listeners.delete(l)
    },
    () => (document.documentElement.classList.contains('light') ? 'light' : 'dark'),
  )
}
