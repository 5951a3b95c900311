import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { DEFAULT_T2I_MODEL } from '../../shared/models.ts'
import { DEFAULT_T2I_SIZE, type T2ISize } from '../../shared/sizes.ts'

/** The compose form: UI choices only (STYLE.md: zustand holds no server records). */
export interface ComposeState {
  model: string
  prompt: string
  size: T2ISize
  setPrompt: (prompt: string) => void
  setSize: (size: T2ISize) => void
}

export const useComposeStore = create<ComposeState>()(
  persist(
    (set) => ({
      model: DEFAULT_T2I_MODEL,
      prompt: '',
      size: DEFAULT_T2I_SIZE,
      setPrompt: (prompt) => set({ prompt }),
      setSize: (size) => set({ size }),
    }),
    { name: 'qis.compose', version: 1 },
  ),
)
