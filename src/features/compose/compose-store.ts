import { LIMITS } from '../../shared/limits.ts'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { DEFAULT_T2I_MODEL } from '../../shared/models.ts'
import { DEFAULT_T2I_SIZE, T2I_SIZE_VALUES, type T2ISize } from '../../shared/sizes.ts'
import { randomSeed } from '../../lib/seed.ts'

export const BATCH_MODES = ['single', 'seed-sweep', 'extend-ab', 'all-sizes'] as const
export type BatchMode = (typeof BATCH_MODES)[number]
export const MAX_BATCH_COUNT = 8

/** The compose form: UI choices only (STYLE.md: zustand holds no server records). Survives reload. */
export interface ComposeForm {
  model: string
  prompt: string
  negativePrompt: string
  size: T2ISize
  /** The seed field's text (validated on submit; kept as typed so a bad value can be shown). */
  seedText: string
  seedLocked: boolean
  promptExtend: boolean
  watermark: boolean
  batchMode: BatchMode
  batchCount: number
}

export interface ComposeState extends ComposeForm {
  set: (patch: Partial<ComposeForm>) => void
  rollSeed: () => void
  /** Put parameters from a result (or a dropped PNG) into the form. */
  apply: (params: Partial<{ model: string; prompt: string; negativePrompt: string; size: string; seed: number; promptExtend: boolean; watermark: boolean }>) => void
}

export const DEFAULT_FORM: ComposeForm = {
  model: DEFAULT_T2I_MODEL,
  prompt: '',
  negativePrompt: '',
  size: DEFAULT_T2I_SIZE,
  seedText: String(randomSeed()),
  seedLocked: false,
  promptExtend: LIMITS.promptExtendDefault,
  watermark: LIMITS.watermarkDefault,
  batchMode: 'single',
  batchCount: 4,
}

const isSize = (s: string): s is T2ISize => (T2I_SIZE_VALUES as readonly string[]).includes(s)

export const useComposeStore = create<ComposeState>()(
  persist(
    (set) => ({
      ...DEFAULT_FORM,
      set: (patch) => set(patch),
      rollSeed: () => set({ seedText: String(randomSeed()) }),
      apply: (p) =>
        set((s) => ({
          model: p.model ?? s.model,
          prompt: p.prompt ?? s.prompt,
          negativePrompt: p.negativePrompt ?? s.negativePrompt,
          size: p.size && isSize(p.size) ? p.size : s.size,
          seedText: p.seed !== undefined ? String(p.seed) : s.seedText,
          seedLocked: p.seed !== undefined ? true : s.seedLocked,
          promptExtend: p.promptExtend ?? s.promptExtend,
          watermark: p.watermark ?? s.watermark,
        })),
    }),
    {
      name: 'qis.compose',
      version: 2,
      partialize: ({ set: _s, rollSeed: _r, apply: _a, ...form }) => form,
      // v1 (walking skeleton) kept model, prompt and size only
      migrate: (persisted, version) => {
        const old = (persisted ?? {}) as Partial<ComposeForm>
        return version < 2 ? { ...DEFAULT_FORM, ...old } : old
      },
    },
  ),
)
