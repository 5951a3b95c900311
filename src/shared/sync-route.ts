/**
 * Which endpoint runs a text-to-image request (issue 19). The sync endpoint answers the moment
 * the image exists; the task API has to be polled. A task request goes to the sync endpoint
 * wherever nothing is lost by it: the prompt is not rewritten (only the task API returns
 * `actual_prompt`, which the prompt diff needs), the model has the sync endpoint, and the prompt
 * fits its limit there whole (the two endpoints count it differently: LINEUP §1b).
 */
import { findModel, promptLimitOf } from './models.ts'
import { isMultimodalRequest, type ImageSynthesisRequest, type MultimodalRequest } from './schemas.ts'
import { truncatePrompt } from './text.ts'
import { validateMultimodal } from './validate.ts'

/** The same generation as a multimodal-generation request, or undefined where it must stay a task. */
export function asSyncRequest(request: ImageSynthesisRequest): MultimodalRequest | undefined {
  const model = findModel(request.model)
  const { prompt, negative_prompt } = request.input
  if (!model?.endpoints.multimodal || request.parameters?.prompt_extend !== false) return undefined
  if (truncatePrompt(prompt, promptLimitOf(model, 'multimodal')) !== prompt) return undefined
  const sync: MultimodalRequest = {
    model: request.model,
    input: { messages: [{ role: 'user', content: [{ text: prompt }] }] },
    parameters: { ...(negative_prompt === undefined ? {} : { negative_prompt }), ...request.parameters },
  }
  return validateMultimodal(sync).ok ? sync : undefined
}

/** The request a job is sent as: its own if it is a sync call; a task's, converted where it may be. */
export function sendAs(request: ImageSynthesisRequest | MultimodalRequest): MultimodalRequest | ImageSynthesisRequest {
  return isMultimodalRequest(request) ? request : (asSyncRequest(request) ?? request)
}
