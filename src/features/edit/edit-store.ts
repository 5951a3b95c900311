import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { LIMITS } from '../../shared/limits.ts'
import { DEFAULT_EDIT_MODEL } from '../../shared/models.ts'
import { randomSeed } from '../../lib/seed.ts'

/** An edit input: a kept image (its id in IndexedDB) or a public URL the vendor fetches. */
export type EditInput = { kind: 'stored'; id: string } | { kind: 'url'; url: string; width: number; height: number }

export interface EditForm {
  inputs: EditInput[]
  model: string
  prompt: string
  negativePrompt: string
  n: number
  /** "W*H" for the models that take a size; '' = auto (the output follows the last input). */
  size: string
  ratioLocked: boolean
  seedText: string
  seedLocked: boolean
  watermark: boolean
}

export interface EditState extends EditForm {
  set: (patch: Partial<EditForm>) => void
  addInputs: (inputs: EditInput[]) => void
  removeInput: (index: number) => void
  moveInput: (from: number, to: number) => void
  /** "Continue editing": this image becomes Image 1. */
  startFrom: (id: string) => void
  rollSeed: () => void
}

export const DEFAULT_EDIT_FORM: EditForm = {
  inputs: [],
  model: DEFAULT_EDIT_MODEL,
  prompt: '',
  negativePrompt: '',
  n: 1,
  size: '',
  ratioLocked: true,
  seedText: String(randomSeed()),
  seedLocked: false,
  watermark: false,
}

export const useEditStore = create<EditState>()(
  persist(
    (set) => ({
      ...DEFAULT_EDIT_FORM,
      set: (patch) => set(patch),
      addInputs: (inputs) => set((s) => ({ inputs: [...s.inputs, ...inputs].slice(0, LIMITS.editImagesMax) })),
      removeInput: (index) => set((s) => ({ inputs: s.inputs.filter((_, i) => i !== index) })),
      moveInput: (from, to) =>
        set((s) => {
          if (to < 0 || to >= s.inputs.length || from === to) return s
          const inputs = [...s.inputs]
          const [moved] = inputs.splice(from, 1)
          inputs.splice(to, 0, moved!)
          return { inputs }
        }),
      startFrom: (id) =>
        set((s) => ({
          inputs: [{ kind: 'stored' as const, id }, ...s.inputs.filter((i) => !(i.kind === 'stored' && i.id === id))].slice(
            0,
            LIMITS.editImagesMax,
          ),
        })),
      rollSeed: () => set({ seedText: String(randomSeed()) }),
    }),
    {
      name: 'qis.edit',
      version: 2,
      // v1 had no size (auto) and no ratio lock
      migrate: (persisted) => ({ ...DEFAULT_EDIT_FORM, ...(persisted as Partial<EditForm>) }),
      partialize: ({ set: _a, addInputs: _b, removeInput: _c, moveInput: _d, startFrom: _e, rollSeed: _f, ...form }) => form,
    },
  ),
)
