/**
 * The Generate / Edit bar with its count and cost: pinned to the bottom of the controls column
 * (which scrolls on its own) and, on a phone, to the bottom of the screen, so it is always in view.
 */
export const SUBMIT_BAR =
  'fixed inset-x-0 bottom-0 z-20 flex items-center justify-between gap-3 border-t border-zinc-800 bg-zinc-950/95 px-4 py-3 backdrop-blur lg:sticky lg:inset-x-auto lg:px-0'
