/** What the stage shows: one image, or a contact sheet of several (ids only, as every UI store). */
import { create } from 'zustand'
import { onImagesRefreshed } from './image-data.ts'
import type { ImageRecord } from './records.ts'

/** What can be done to the image on the stage; offered by the gallery once its code has loaded. */
export interface StageActions {
  toggleFavorite: (record: ImageRecord) => Promise<unknown>
  download: (record: ImageRecord) => Promise<void>
  /** Deletes it from the gallery (with the gallery's Undo). */
  remove: (record: ImageRecord) => void
}

export interface StageState {
  /** The images on the stage: one, or a sheet (a seed sweep, a batch). */
  ids: readonly string[]
  /** The list the stage steps through with the arrow keys (the gallery's order, or a job's results). */
  order: readonly string[]
  /** The image the stage showed alone before this one (what Compare falls back to). */
  previous: string | null
  /** Shows one image; `order` is where it came from. */
  show: (id: string, order?: readonly string[]) => void
  /** Shows several images side by side. */
  showSheet: (ids: readonly string[]) => void
  /** Moves to the previous (-1) or next (+1) image of `order`. */
  step: (by: -1 | 1) => void
  /** Forgets ids that no longer exist. */
  forget: (gone: readonly string[]) => void
  actions: StageActions | null
  setActions: (actions: StageActions | null) => void
}

export const useStage = create<StageState>()((set) => ({
  ids: [],
  order: [],
  previous: null,
  show: (id, order) =>
    set((s) => ({
      ids: [id],
      order: order ?? (s.order.includes(id) ? s.order : [id]),
      previous: s.ids.length === 1 && s.ids[0] !== id ? s.ids[0]! : s.previous,
    })),
  showSheet: (ids) => set({ ids: [...ids], order: [...ids] }),
  step: (by) =>
    set((s) => {
      const at = s.order.indexOf(s.ids[0] ?? '')
      const next = s.order[Math.max(0, Math.min(s.order.length - 1, at + by))]
      return next && at >= 0 ? { ids: [next] } : {}
    }),
  actions: null,
  setActions: (actions) => set({ actions }),
  forget: (gone) =>
    set((s) => {
      const drop = new Set(gone)
      return {
        ids: s.ids.filter((id) => !drop.has(id)),
        order: s.order.filter((id) => !drop.has(id)),
        previous: s.previous && drop.has(s.previous) ? null : s.previous,
      }
    }),
}))

// An image deleted anywhere (this tab or another) leaves the stage and its order.
onImagesRefreshed((_, changes) => {
  const gone = [...changes].filter(([, record]) => !record).map(([id]) => id)
  if (gone.length) useStage.getState().forget(gone)
})
