/**
 * The models table: every Qwen-Image model a Model Studio key can call in 2026, each with its own
 * rules (source: shared/api/LINEUP-2026.md, vendor pages V1-V9). The SPA, the gateway and the
 * simulator all derive from it. Dated snapshots are aliases of their family: same rules, own id.
 */
import { AREA_512_2048, FIXED_SIZES, NO_SIZE, PER_SIDE_512_2048, type SizeRule } from './size-rules.ts'
import { DEFAULT_T2I_SIZE } from './sizes.ts'
import type { PromptLimit } from './text.ts'

export const REGIONS = ['singapore', 'beijing'] as const
export type Region = (typeof REGIONS)[number]

/** t2i: text only; edit: 1-3 images; both: text only for text to image, 1-3 images to edit. */
export type ModelKind = 't2i' | 'edit' | 'both'

/** Submissions per window, per account (V5). The minute is configurable in tests (rateWindowMs). */
export interface RateLimit {
  count: number
  window: 'second' | 'minute'
}
const perSecond = (count: number): RateLimit => ({ count, window: 'second' })
const perMinute = (count: number): RateLimit => ({ count, window: 'minute' })

export const MINUTE_MS = 60_000

export function rateWindowMs(limit: RateLimit, minuteMs = MINUTE_MS): number {
  return limit.window === 'second' ? 1000 : minuteMs
}

export interface ModelInfo {
  id: string
  kind: ModelKind
  label: string
  /** The family id a dated snapshot belongs to (its own id for a family). */
  family: string
  /** Allowed values of `parameters.n`. */
  n: { min: number; max: number; default: number }
  /** US dollars per successfully generated image (Singapore: the vendor's; Beijing: see PRICES). */
  pricePerImage: Record<Region, number>
  /** Yuan per image (V4, mid-2026). */
  priceCny: Record<Region, number>
  /** The price is not published yet (preview): the figure shown is the nearest published one. */
  priceEstimated: boolean
  /** Submissions per account. */
  rateLimit: RateLimit
  /** Task submissions a second (kept for the 2025 callers: rateLimit when it is per second). */
  submitPerSecond: number
  /** Concurrent async tasks per account; null where the vendor says "no limit for sync APIs". */
  concurrentTasks: number | null
  /** Which endpoints take this model. Only qwen-image-plus and qwen-image have the async task API. */
  endpoints: { multimodal: boolean; asyncSynthesis: boolean }
  /** How `size` is judged and snapped. */
  size: SizeRule
  /** Text to image without `size`: this; null where the model picks one from the prompt. */
  defaultT2ISize: string | null
  /** Prompt limit on the multimodal endpoint (the async endpoint counts 800 characters). */
  prompt: PromptLimit
  /** Input images for an edit (kinds edit and both); GIF inputs are read as their first frame. */
  editImages: { min: number; max: number } | null
  /** Whether the model takes `size` and `prompt_extend`. */
  takesSize: boolean
  takesPromptExtend: boolean
  /** Limited preview: an account must apply for access on the Model Gallery first (V3). */
  preview: boolean
}

const usd = (singapore: number, beijing: number): Record<Region, number> => ({ singapore, beijing })
const cny = (singapore: number, beijing: number): Record<Region, number> => ({ singapore, beijing })
/**
 * Beijing in dollars: the 2025 EN pages gave Beijing dollar prices for the 2025 models (kept);
 * for the 2026 models only yuan is published, so it is converted at the rate the International
 * prices imply (about 7.339 yuan a dollar).
 */
const CNY_PER_USD = 7.339
const fromCny = (yuan: number) => Math.round((yuan / CNY_PER_USD) * 1e6) / 1e6

const TEXT_ONLY = null
const ONE_TO_THREE = { min: 1, max: 3 }
const N1 = { min: 1, max: 1, default: 1 }
const N6 = { min: 1, max: 6, default: 1 }
const SYNC_ONLY = { multimodal: true, asyncSynthesis: false }

type Family = Omit<ModelInfo, 'family'>

/**
 * What the models share (most of them are sync-only, 2 a second, 800 tokens): each row below says
 * only where it differs.
 */
const SHARED = {
  priceEstimated: false,
  rateLimit: perSecond(2),
  submitPerSecond: 2,
  concurrentTasks: null,
  endpoints: SYNC_ONLY,
  prompt: { unit: 'tokens', max: 800 },
  takesSize: true,
  takesPromptExtend: true,
  preview: false,
} as const satisfies Partial<Family>

const FAMILIES: Family[] = [
  {
    id: 'qwen-image-3.0-pro',
    ...SHARED,
    kind: 'both',
    label: 'Qwen-Image 3.0 Pro (preview)',
    n: N6,
    // Not in the stored price list: shown at the 2.0-pro price until the vendor publishes one.
    pricePerImage: usd(0.075, fromCny(0.5)),
    priceCny: cny(0.550443, 0.5),
    priceEstimated: true,
    // Not listed in V5: the limit of the other non-max models is assumed.
    rateLimit: perSecond(2),
    size: AREA_512_2048,
    defaultT2ISize: null,
    // V3 states none; the 3.0 reseller pages recommend at most 4,500 tokens.
    prompt: { unit: 'tokens', max: 4500 },
    editImages: ONE_TO_THREE,
    preview: true,
  },
  {
    id: 'qwen-image-2.0-pro',
    ...SHARED,
    kind: 'both',
    label: 'Qwen-Image 2.0 Pro',
    n: N6,
    pricePerImage: usd(0.075, fromCny(0.5)),
    priceCny: cny(0.550443, 0.5),
    size: AREA_512_2048,
    defaultT2ISize: '2048*2048',
    prompt: { unit: 'tokens', max: 1300 },
    editImages: ONE_TO_THREE,
  },
  {
    id: 'qwen-image-2.0',
    ...SHARED,
    kind: 'both',
    label: 'Qwen-Image 2.0',
    n: N6,
    pricePerImage: usd(0.035, fromCny(0.2)),
    priceCny: cny(0.256873, 0.2),
    size: AREA_512_2048,
    defaultT2ISize: '2048*2048',
    prompt: { unit: 'tokens', max: 1300 },
    editImages: ONE_TO_THREE,
  },
  {
    id: 'qwen-image-max',
    ...SHARED,
    kind: 't2i',
    label: 'Qwen-Image Max',
    n: N1,
    pricePerImage: usd(0.075, fromCny(0.5)),
    priceCny: cny(0.550443, 0.5),
    rateLimit: perMinute(2),
    size: FIXED_SIZES,
    defaultT2ISize: DEFAULT_T2I_SIZE,
    editImages: TEXT_ONLY,
  },
  {
    id: 'qwen-image-plus',
    ...SHARED,
    kind: 't2i',
    label: 'Qwen-Image Plus',
    n: N1,
    pricePerImage: usd(0.03, 0.028671),
    priceCny: cny(0.220177, 0.2),
    concurrentTasks: 2,
    endpoints: { multimodal: true, asyncSynthesis: true },
    size: FIXED_SIZES,
    defaultT2ISize: DEFAULT_T2I_SIZE,
    editImages: TEXT_ONLY,
  },
  {
    id: 'qwen-image',
    ...SHARED,
    kind: 't2i',
    label: 'Qwen-Image',
    n: N1,
    pricePerImage: usd(0.035, 0.035),
    priceCny: cny(0.256873, 0.25),
    concurrentTasks: 2,
    endpoints: { multimodal: true, asyncSynthesis: true },
    size: FIXED_SIZES,
    defaultT2ISize: DEFAULT_T2I_SIZE,
    editImages: TEXT_ONLY,
  },
  {
    id: 'qwen-image-edit-max',
    ...SHARED,
    kind: 'edit',
    label: 'Qwen-Image-Edit Max',
    n: N6,
    pricePerImage: usd(0.075, fromCny(0.5)),
    priceCny: cny(0.550443, 0.5),
    rateLimit: perMinute(2),
    size: PER_SIDE_512_2048,
    defaultT2ISize: null,
    editImages: ONE_TO_THREE,
  },
  {
    id: 'qwen-image-edit-plus',
    ...SHARED,
    kind: 'edit',
    label: 'Qwen-Image-Edit Plus',
    n: N6,
    pricePerImage: usd(0.03, 0.028671),
    priceCny: cny(0.220177, 0.2),
    size: PER_SIDE_512_2048,
    defaultT2ISize: null,
    editImages: ONE_TO_THREE,
  },
  {
    id: 'qwen-image-edit',
    ...SHARED,
    kind: 'edit',
    label: 'Qwen-Image-Edit',
    n: N1,
    pricePerImage: usd(0.045, 0.043),
    priceCny: cny(0.330266, 0.3),
    size: NO_SIZE,
    defaultT2ISize: null,
    editImages: ONE_TO_THREE,
    takesSize: false,
    takesPromptExtend: false,
  },
]

/** Dated snapshots: the family's rules under their own id, with what differs. */
const SNAPSHOTS: { family: string; date: string; differs?: Partial<Family> }[] = [
  { family: 'qwen-image-2.0-pro', date: '2026-06-22' },
  { family: 'qwen-image-2.0-pro', date: '2026-04-22' },
  { family: 'qwen-image-2.0-pro', date: '2026-03-03' },
  { family: 'qwen-image-2.0', date: '2026-03-03' },
  { family: 'qwen-image-max', date: '2025-12-30' },
  // A distilled, faster max (V1): sync only, unlike its family; 2 a second (V5).
  { family: 'qwen-image-plus', date: '2026-01-09', differs: { endpoints: SYNC_ONLY, concurrentTasks: null } },
  { family: 'qwen-image-edit-max', date: '2026-01-16' },
  { family: 'qwen-image-edit-plus', date: '2025-12-15' },
  { family: 'qwen-image-edit-plus', date: '2025-10-30' },
]

function snapshotsOf(family: Family): ModelInfo[] {
  return SNAPSHOTS.filter((s) => s.family === family.id).map((s) => ({
    ...family,
    ...s.differs,
    id: `${family.id}-${s.date}`,
    label: `${family.label} (${s.date})`,
    family: family.id,
  }))
}

export const MODELS: readonly ModelInfo[] = FAMILIES.flatMap((f) => [{ ...f, family: f.id }, ...snapshotsOf(f)])

export type ModelId = string

export const canTextToImage = (m: ModelInfo) => m.kind !== 'edit'
export const canEdit = (m: ModelInfo) => m.kind !== 't2i'

export const T2I_MODELS: readonly ModelInfo[] = MODELS.filter(canTextToImage)
export const EDIT_MODELS: readonly ModelInfo[] = MODELS.filter(canEdit)

export const DEFAULT_T2I_MODEL: ModelId = 'qwen-image-plus'
export const DEFAULT_EDIT_MODEL: ModelId = 'qwen-image-edit-plus'

export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id)
}

/** Text to image goes to the async task API where the model has it, else to the sync endpoint. */
export function t2iEndpoint(m: ModelInfo): 'imageSynthesis' | 'multimodal' {
  return m.endpoints.asyncSynthesis ? 'imageSynthesis' : 'multimodal'
}

/** The async endpoint counts prompts in characters (V1: 800); the multimodal one per the model. */
export const ASYNC_PROMPT_LIMIT: PromptLimit = { unit: 'chars', max: 800 }

export function promptLimitOf(m: ModelInfo, endpoint: 'imageSynthesis' | 'multimodal'): PromptLimit {
  return endpoint === 'imageSynthesis' ? ASYNC_PROMPT_LIMIT : m.prompt
}

/** Account limits for async text-to-image task submission (shared by the two async models). */
export const ACCOUNT_LIMITS = {
  submitPerSecond: 2,
  concurrentTasks: 2,
} as const

/** Cost in dollars of `images` images of `model` in `region`. */
export function priceOf(model: string, region: Region, images: number): number {
  const m = findModel(model)
  return m ? m.pricePerImage[region] * images : 0
}

/** Cost in yuan of `images` images of `model` in `region`. */
export function priceCnyOf(model: string, region: Region, images: number): number {
  const m = findModel(model)
  return m ? m.priceCny[region] * images : 0
}
