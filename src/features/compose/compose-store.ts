import { LIMITS } from '../../shared/limits.ts'
import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { DEFAULT_T2I_MODEL } from '../../shared/models.ts'
import { currentFixedSize, parseSize } from '../../shared/sizes.ts'
import { randomSeed } from '../../lib/seed.ts'

export const BATCH_MODES = ['single', 'seed-sweep', 'extend-ab', 'all-sizes'] as const
export type BatchMode = (typeof BATCH_MODES)[number]
export const MAX_BATCH_COUNT = 8

/** The compose form: UI choices only (STYLE.md: zustand holds no server records). Survives reload. */
export interface ComposeForm {
  model: string
  prompt: string
  negativePrompt: string
  /** "W*H": one of the five for the fixed-size models, any typed size for the others (snapped when sent). */
  size: string
  /** Images per request, for the models that take n > 1 (the 2.0 series). */
  n: number
  /** Keep the width:height ratio while typing one side. */
  ratioLocked: boolean
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
  apply: (
    params: Partial<{
      model: string
      prompt: string
      negativePrompt: string
      size: string
      seed: number
      promptExtend: boolean
      watermark: boolean
    }>,
  ) => void
}

export const DEFAULT_FORM: ComposeForm = {
  model: DEFAULT_T2I_MODEL,
  prompt: '',
  negativePrompt: '',
  // Square by default (a studio choice; the API's own default, DEFAULT_T2I_SIZE, is 16:9 since 2026).
  size: '1328*1328',
  n: 1,
  ratioLocked: true,
  seedText: String(randomSeed()),
  seedLocked: false,
  promptExtend: LIMITS.promptExtendDefault,
  watermark: LIMITS.watermarkDefault,
  batchMode: 'single',
  batchCount: 4,
}

/** A recalled size as it is sent today (the 2025 4:3 spelling becomes 1104), if it is one. */
const recalledSize = (s: string | undefined) => (s && parseSize(s) ? currentFixedSize(s) : undefined)

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
          size: recalledSize(p.size) ?? s.size,
          seedText: p.seed !== undefined ? String(p.seed) : s.seedText,
          seedLocked: p.seed !== undefined ? true : s.seedLocked,
          promptExtend: p.promptExtend ?? s.promptExtend,
          watermark: p.watermark ?? s.watermark,
        })),
    }),
    {
      name: 'qis.compose',
      version: 3,
      partialize: ({ set: _s, rollSeed: _r, apply: _a, ...form }) => form,
      // v1 (walking skeleton) kept model, prompt and size only; v2 had no n and the 1140 spelling of 4:3
      migrate: (persisted, version) => {
        const old = (persisted ?? {}) as Partial<ComposeForm>
        const form = version < 3 ? { ...DEFAULT_FORM, ...old } : old
        return { ...form, ...(form.size ? { size: currentFixedSize(form.size) } : {}) }
      },
    },
  ),
)
