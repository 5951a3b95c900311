/** The models table: kind, n range, prices per region and account rate limits (from the reference). */
export const REGIONS = ['singapore', 'beijing'] as const
export type Region = (typeof REGIONS)[number]

export type ModelKind = 't2i' | 'edit'

export interface ModelInfo {
  id: string
  kind: ModelKind
  label: string
  /** Allowed values of `parameters.n`. */
  n: { min: number; max: number; default: number }
  /** US dollars per successfully generated image. */
  pricePerImage: Record<Region, number>
  /** Task submissions a second, per account. */
  submitPerSecond: number
  /** Concurrent tasks per account; null where the reference says "no limit for sync APIs". */
  concurrentTasks: number | null
  /** Which endpoints take this model. */
  endpoints: { multimodal: boolean; asyncSynthesis: boolean }
  /** Whether the model takes `size` and `prompt_extend`. */
  takesSize: boolean
  takesPromptExtend: boolean
}

export const MODELS = [
  {
    id: 'qwen-image-plus',
    kind: 't2i',
    label: 'Qwen-Image Plus',
    n: { min: 1, max: 1, default: 1 },
    pricePerImage: { singapore: 0.03, beijing: 0.028671 },
    submitPerSecond: 2,
    concurrentTasks: 2,
    endpoints: { multimodal: true, asyncSynthesis: true },
    takesSize: true,
    takesPromptExtend: true,
  },
  {
    id: 'qwen-image',
    kind: 't2i',
    label: 'Qwen-Image',
    n: { min: 1, max: 1, default: 1 },
    pricePerImage: { singapore: 0.035, beijing: 0.035 },
    submitPerSecond: 2,
    concurrentTasks: 2,
    endpoints: { multimodal: true, asyncSynthesis: true },
    takesSize: true,
    takesPromptExtend: true,
  },
  {
    id: 'qwen-image-edit-plus',
    kind: 'edit',
    label: 'Qwen-Image-Edit Plus',
    n: { min: 1, max: 6, default: 1 },
    pricePerImage: { singapore: 0.03, beijing: 0.028671 },
    submitPerSecond: 2,
    concurrentTasks: null,
    endpoints: { multimodal: true, asyncSynthesis: false },
    takesSize: false,
    takesPromptExtend: false,
  },
  {
    id: 'qwen-image-edit-plus-2025-10-30',
    kind: 'edit',
    label: 'Qwen-Image-Edit Plus (2025-10-30)',
    n: { min: 1, max: 6, default: 1 },
    pricePerImage: { singapore: 0.03, beijing: 0.028671 },
    submitPerSecond: 2,
    concurrentTasks: null,
    endpoints: { multimodal: true, asyncSynthesis: false },
    takesSize: false,
    takesPromptExtend: false,
  },
  {
    id: 'qwen-image-edit',
    kind: 'edit',
    label: 'Qwen-Image-Edit',
    n: { min: 1, max: 1, default: 1 },
    pricePerImage: { singapore: 0.045, beijing: 0.043 },
    submitPerSecond: 2,
    concurrentTasks: null,
    endpoints: { multimodal: true, asyncSynthesis: false },
    takesSize: false,
    takesPromptExtend: false,
  },
] as const satisfies readonly ModelInfo[]

export type ModelId = (typeof MODELS)[number]['id']

export const T2I_MODELS: readonly ModelInfo[] = MODELS.filter((m) => m.kind === 't2i')
export const EDIT_MODELS: readonly ModelInfo[] = MODELS.filter((m) => m.kind === 'edit')

export const DEFAULT_T2I_MODEL: ModelId = 'qwen-image-plus'
export const DEFAULT_EDIT_MODEL: ModelId = 'qwen-image-edit-plus'

export function findModel(id: string): ModelInfo | undefined {
  return (MODELS as readonly ModelInfo[]).find((m) => m.id === id)
}

/** Account limits that apply to text-to-image task submission (shared by the two t2i models). */
export const ACCOUNT_LIMITS = {
  submitPerSecond: 2,
  concurrentTasks: 2,
} as const

/** Cost in dollars of `images` images of `model` in `region`. */
export function priceOf(model: string, region: Region, images: number): number {
  const m = findModel(model)
  return m ? m.pricePerImage[region] * images : 0
}
