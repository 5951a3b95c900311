/**
 * The parameters a downloaded image carries (and a dropped one gives back to the compose form):
 * what it takes to make the image again.
 */
import { z } from 'zod'
import type { ImageRecord } from '../../../lib/records.ts'
import { LIMITS } from '../../../shared/limits.ts'
import { REGIONS } from '../../../shared/models.ts'

export const StudioImageParams = z.object({
  prompt: z.string(),
  negativePrompt: z.string().optional(),
  /** The prompt after the vendor's rewrite (prompt_extend). */
  actualPrompt: z.string().optional(),
  model: z.string().optional(),
  /** As the API spells it: "1664*928". */
  size: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  seed: z.number().int().min(LIMITS.seedMin).max(LIMITS.seedMax).optional(),
  promptExtend: z.boolean().optional(),
  watermark: z.boolean().optional(),
  kind: z.enum(['t2i', 'edit', 'input']).optional(),
  createdAt: z.number().optional(),
  region: z.enum(REGIONS).optional(),
  /** An edit's inputs, in order (ids in the studio's library, where they may still be). */
  inputIds: z.array(z.string()).optional(),
})
export type StudioImageParams = z.infer<typeof StudioImageParams>

/**
 * What a file says, before the studio judges it: another tool (or a hand edit) may write any seed,
 * size or model, and a restore says what it left out instead of dropping it without a word.
 */
export const FileImageParams = StudioImageParams.extend({
  seed: z.union([z.number(), z.string()]).optional(),
  width: z.number().optional(),
  height: z.number().optional(),
  region: z.string().optional(),
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
