/** Every limit of the vendor contract, written once. Source: ../shared/api/*.txt. */
export const LIMITS = {
  /** prompt_extend when a request leaves it out (the reference: "true: default"). */
  promptExtendDefault: true,
  /** watermark when a request leaves it out (the reference: "The default value is false"). */
  watermarkDefault: false,
  /** Positive prompt on the async endpoint: longer text is truncated by the vendor, not rejected (per model: models.ts). */
  promptMaxChars: 800,
  /** Negative prompt: longer text is truncated by the vendor, not rejected. */
  negativePromptMaxChars: 500,
  seedMin: 0,
  seedMax: 2147483647,
  /** Edit inputs per request. */
  editImagesMin: 1,
  editImagesMax: 3,
  /** Width and height of each edit input, in pixels. */
  editImageMinPx: 384,
  editImageMaxPx: 3072,
  /** Size of each edit input file, in bytes (10 MB). */
  editImageMaxBytes: 10 * 1024 * 1024,
  /** Edit outputs have about this many pixels in total, with the first input's aspect ratio. */
  editOutputPixels: 1024 * 1024,
  /** Edit output sides are multiples of this. */
  editOutputStep: 16,
  /** Result links and task data live this long at the vendor. */
  resultTtlSeconds: 24 * 60 * 60,
} as const

/** Room for the largest valid request body: every input image at the size limit as base64, plus 1 MB of text. */
export const MAX_BODY_BYTES = LIMITS.editImagesMax * Math.ceil((LIMITS.editImageMaxBytes * 4) / 3) + 1024 * 1024

/** Input image formats the edit models accept, with the mime type a `data:` URL must carry. */
export const EDIT_IMAGE_FORMATS = [
  { format: 'jpg', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { format: 'png', mime: 'image/png', extensions: ['png'] },
  { format: 'bmp', mime: 'image/bmp', extensions: ['bmp'] },
  { format: 'tiff', mime: 'image/tiff', extensions: ['tif', 'tiff'] },
  { format: 'webp', mime: 'image/webp', extensions: ['webp'] },
  // The 2026 pages accept GIF for every edit-capable model and read its first frame.
  { format: 'gif', mime: 'image/gif', extensions: ['gif'] },
] as const

/**
 * The most JSON "structure" a request body may have: its bytes outside string literals, plus up
 * to 1 KB of each string and 2 per escape (see json-structure.ts). A valid request is a few KB
 * of structure around its images; a body of tiny values (`[{},{},…]`) costs the parser far more
 * per byte than an image does, and is refused past this before it is parsed.
 */
export const MAX_JSON_STRUCTURE_BYTES = 256 * 1024
