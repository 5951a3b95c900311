/** The gallery's UI state: filters, selection and the open image (ids and choices only). */
import { create } from 'zustand'
import { DEFAULT_FILTERS, type GalleryFilters } from './gallery-filters.ts'

export interface GalleryState {
  filters: GalleryFilters
  /** Selected image ids (for export and delete). */
  selected: ReadonlySet<string>
  /** The image whose detail is open. */
  openId: string | null
  /** Anchor of a shift-click range selection. */
  anchorId: string | null
  setFilters: (patch: Partial<GalleryFilters>) => void
  resetFilters: () => void
  open: (id: string | null) => void
  toggleSelected: (id: string) => void
  selectRange: (ids: readonly string[], to: string) => void
  clearSelection: () => void
  /** Forgets ids that no longer exist. */
  forget: (ids: readonly string[]) => void
}

export const useGalleryStore = create<GalleryState>()((set) => ({
  filters: DEFAULT_FILTERS,
  selected: new Set(),
  openId: null,
  anchorId: null,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  resetFilters: () => set({ filters: DEFAULT_FILTERS }),
  open: (openId) => set({ openId }),
  toggleSelected: (id) =>
    set((s) => {
      const selected = new Set(s.selected)
      if (!selected.delete(id)) selected.add(id)
      return { selected, anchorId: id }
    }),
  selectRange: (ids, to) =>
    set((s) => {
      const from = s.anchorId ? ids.indexOf(s.anchorId) : -1
      const end = ids.indexOf(to)
      if (end < 0) return {}
      const [a, b] = from < 0 ? [end, end] : [Math.min(from, end), Math.max(from, end)]
      return { selected: new Set([...s.selected, ...ids.slice(a, b + 1)]), anchorId: to }
    }),
  clearSelection: () => set({ selected: new Set(), anchorId: null }),
  forget: (ids) =>
    set((s) => {
      const gone = new Set(ids)
      const hit = [...s.selected].some((id) => gone.has(id))
      return {
        ...(hit ? { selected: new Set([...s.selected].filter((id) => !gone.has(id))) } : {}),
        ...(s.openId && gone.has(s.openId) ? { openId: null } : {}),
      }
    }),
}))
