import { findModel } from '../../shared/models.ts'
import type { MultimodalRequest } from '../../shared/schemas.ts'
import { chooseSize, sizeProblem } from '../../shared/size-rules.ts'
import { parseSize } from '../../shared/sizes.ts'
import { STORED_INPUT_PREFIX } from '../../lib/stored-inputs.ts'
import type { EditForm, EditInput } from './edit-store.ts'

export function inputRef(input: EditInput): string {
  return input.kind === 'stored' ? `${STORED_INPUT_PREFIX}${input.id}` : input.url
}

/** The size an edit sends: none in auto mode or for a model without `size`, else as the model's rule makes it. */
export function editSize(form: Pick<EditForm, 'model' | 'size'>): string | undefined {
  const model = findModel(form.model)
  const typed = parseSize(form.size)
  if (!model?.takesSize || !typed) return undefined
  const chosen = chooseSize(model.size, typed.width, typed.height).size
  return sizeProblem(model.size, chosen) ? undefined : chosen
}

export function buildEditRequest(form: EditForm, seed: number): MultimodalRequest {
  const size = editSize(form)
  return {
    model: form.model,
    input: {
      messages: [{ role: 'user', content: [...form.inputs.map((i) => ({ image: inputRef(i) })), { text: form.prompt }] }],
    },
    parameters: {
      ...(size ? { size } : {}),
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
