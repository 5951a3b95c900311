import type { MessageDescriptor } from '@lingui/core'
import { msg } from '@lingui/core/macro'

/** The studio's keyboard shortcuts: one table, read by the handler and by the "?" sheet. */
export const SHORTCUTS: readonly { keys: readonly (string | MessageDescriptor)[]; does: MessageDescriptor }[] = [
  { keys: ['/'], does: msg`Focus the prompt` },
  { keys: ['Ctrl', msg({ message: 'Enter', comment: 'the Enter key' })], does: msg`Generate (or Edit) from the form` },
  { keys: ['Esc'], does: msg`Leave the form field (focus goes to the stage)` },
  { keys: ['g'], does: msg`Generate (or Edit)` },
  { keys: ['←', '→'], does: msg`Previous / next image on the stage` },
  { keys: ['f'], does: msg`Favorite the image on the stage` },
  { keys: ['d'], does: msg`Download the image on the stage` },
  { keys: ['c'], does: msg`Compare: slider, side by side, off` },
  { keys: [msg({ message: 'Delete', comment: 'the Delete key' })], does: msg`Delete the image on the stage (Undo in the message)` },
  { keys: ['+', '−'], does: msg`Zoom in / out` },
  { keys: ['0'], does: msg`Fit the image to the stage` },
  { keys: ['1'], does: msg`Show the image at 100%` },
  { keys: ['?'], does: msg`Show these shortcuts` },
]

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
  return document.querySelector<HTMLFormElement>('[data-zone="controls"] form')
}

/** Escape in a field of the controls hands focus to the stage, where the shortcuts work. */
export function leavesField(e: KeyboardEvent): boolean {
  const t = e.target
  return (
    !e.defaultPrevented &&
    t instanceof HTMLElement &&
    ['INPUT', 'TEXTAREA'].includes(t.tagName) &&
    !!t.closest('[data-zone="controls"]') &&
    !document.querySelector('dialog[open]')
  )
}
