/**
 * The parameters a downloaded image carries (and a dropped one gives back to the compose form):
 * what it takes to make the image again.
 */
import * as z from 'zod/mini'
import type { ImageRecord } from '../../../lib/records.ts'
import { LIMITS } from '../../../shared/limits.ts'
import { REGIONS } from '../../../shared/models.ts'

export const StudioImageParams = z.object({
  prompt: z.string(),
  negativePrompt: z.optional(z.string()),
  /** The prompt after the vendor's rewrite (prompt_extend). */
  actualPrompt: z.optional(z.string()),
  model: z.optional(z.string()),
  /** As the API spells it: "1664*928". */
  size: z.optional(z.string()),
  width: z.optional(z.int().check(z.positive())),
  height: z.optional(z.int().check(z.positive())),
  seed: z.optional(z.int().check(z.gte(LIMITS.seedMin), z.lte(LIMITS.seedMax))),
  promptExtend: z.optional(z.boolean()),
  watermark: z.optional(z.boolean()),
  kind: z.optional(z.enum(['t2i', 'edit', 'input'])),
  createdAt: z.optional(z.number()),
  region: z.optional(z.enum(REGIONS)),
  /** An edit's inputs, in order (ids in the studio's library, where they may still be). */
  inputIds: z.optional(z.array(z.string())),
})
export type StudioImageParams = z.infer<typeof StudioImageParams>

/**
 * What a file says, before the studio judges it: another tool (or a hand edit) may write any seed,
 * size or model, and a restore says what it left out instead of dropping it without a word.
 */
export const FileImageParams = z.extend(StudioImageParams, {
  seed: z.optional(z.union([z.number(), z.string()])),
  width: z.optional(z.number()),
  height: z.optional(z.number()),
  region: z.optional(z.string()),
})
export type FileImageParams = z.infer<typeof FileImageParams>

export function paramsFromRecord(r: ImageRecord): StudioImageParams {
  return StudioImageParams.parse({
    prompt: r.prompt,
    negativePrompt: r.negativePrompt || undefined,
    actualPrompt: r.actualPrompt,
    model: r.model,
    size: r.size,
    width: r.width,
    height: r.height,
    seed: r.seed,
    promptExtend: r.promptExtend,
    watermark: r.watermark,
    kind: r.kind,
    createdAt: r.createdAt,
    region: r.region,
    inputIds: r.kind === 'edit' && r.parentIds.length ? r.parentIds : undefined,
  })
}
