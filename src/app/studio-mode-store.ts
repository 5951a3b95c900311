import { create } from 'zustand'
import { persist } from 'zustand/middleware'

export type StudioMode = 'generate' | 'edit'

export const useStudioMode = create<{ mode: StudioMode; setMode: (mode: StudioMode) => void }>()(
  persist((set) => ({ mode: 'generate', setMode: (mode) => set({ mode }) }), { name: 'qis.mode', version: 1 }),
)
