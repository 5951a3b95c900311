/** The studio's keyboard shortcuts: one table, read by the handler and by the "?" sheet. */
export const SHORTCUTS = [
  { keys: ['/'], does: 'Focus the prompt' },
  { keys: ['Ctrl', 'Enter'], does: 'Generate (or Edit) from the form' },
  { keys: ['Esc'], does: 'Leave the form field (focus goes to the stage)' },
  { keys: ['g'], does: 'Generate (or Edit)' },
  { keys: ['←', '→'], does: 'Previous / next image on the stage' },
  { keys: ['f'], does: 'Favorite the image on the stage' },
  { keys: ['d'], does: 'Download the image on the stage' },
  { keys: ['+', '−'], does: 'Zoom in / out' },
  { keys: ['0'], does: 'Fit the image to the stage' },
  { keys: ['1'], does: 'Show the image at 100%' },
  { keys: ['?'], does: 'Show these shortcuts' },
] as const

/** Keys typed into a field, or pressed while a dialog is open, are not shortcuts. */
export function isShortcutTarget(e: KeyboardEvent): boolean {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return false
  const t = e.target
  if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return false
  if (t instanceof HTMLElement && t.closest('[role="list"], [role="tablist"]') && e.key.startsWith('Arrow')) return false
  return !document.querySelector('dialog[open]')
}

/** The mode's form (Compose or Edit): its prompt, and its submit. */
export function studioForm(): HTMLFormElement | null {
  return document.querySelector<HTMLFormElement>('section[aria-label="Compose panel"] form')
}

/** Escape in a field of the controls hands focus to the stage, where the shortcuts work. */
export function leavesField(e: KeyboardEvent): boolean {
  const t = e.target
  return (
    !e.defaultPrevented &&
    t instanceof HTMLElement &&
    ['INPUT', 'TEXTAREA'].includes(t.tagName) &&
    !!t.closest('section[aria-label="Compose panel"]') &&
    !document.querySelector('dialog[open]')
  )
}
