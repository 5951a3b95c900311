import type { MultimodalRequest } from '../../shared/schemas.ts'
import { STORED_INPUT_PREFIX } from '../../lib/stored-inputs.ts'
import type { EditForm, EditInput } from './edit-store.ts'


export function inputRef(input: EditInput): string {
  return input.kind === 'stored' ? `${STORED_INPUT_PREFIX}${input.id}` : input.url
}

export function buildEditRequest(form: EditForm, seed: number): MultimodalRequest {
  return {
    model: form.model,
    input: {
      messages: [{ role: 'user', content: [...form.inputs.map((i) => ({ image: inputRef(i) })), { text: form.prompt }] }],
    },
    parameters: {
      n: form.n,
      watermark: form.watermark,
      seed,
      ...(form.negativePrompt.trim() ? { negative_prompt: form.negativePrompt } : {}),
    },
  }
}

/** Whether a multi-image instruction refers to its images as "Image 1", "Image 2", … */
export function mentionsImages(prompt: string): boolean {
  return /image\s*[123]|图\s*[123一二三]|图片\s*[123一二三]/i.test(prompt)
}
