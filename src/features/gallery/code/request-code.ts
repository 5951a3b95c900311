/**
 * "Copy as code": the request that made an image, as curl, Python (DashScope SDK) and JavaScript
 * fetch, reading the key from the variable the studio server names (its own: the browser never holds
 * even that name in its code) and with the region's endpoint. The request is the job's own
 * when the studio still has it (exactly what was sent), else rebuilt from the image's record the
 * way the compose and edit panels build it. Kept edit inputs become data: URL placeholders.
 */
import type { ImageRecord } from '../../../lib/records.ts'
import { STORED_INPUT_PREFIX } from '../../../lib/stored-inputs.ts'
import { API_PATHS, ASYNC_HEADER, REGION_BASE_URLS } from '../../../shared/api-paths.ts'
import type { Region } from '../../../shared/models.ts'
import type { ImageSynthesisRequest, MultimodalRequest } from '../../../shared/schemas.ts'

export type StudioRequest = ImageSynthesisRequest | MultimodalRequest

/** An edit input as the code names it: its file name and type, when the studio still has it. */
export interface InputInfo {
  name?: string
  mime?: string
}

export const isEditRequest = (r: StudioRequest): r is MultimodalRequest => 'messages' in r.input

const placeholder = (i: number, info: InputInfo | undefined) =>
  `data:${info?.mime ?? 'image/png'};base64,<Image ${i + 1}${info?.name ? ` (${info.name})` : ''} as base64>`

/** The request behind `record`: `sent` (the job's) when given, else rebuilt from the record. */
export function requestFor(
  record: ImageRecord,
  sent: StudioRequest | undefined,
  inputs: readonly (InputInfo | undefined)[] = [],
): StudioRequest {
  const negative = record.negativePrompt.trim() ? { negative_prompt: record.negativePrompt } : {}
  if (record.kind !== 'edit') {
    if (sent && !isEditRequest(sent)) return sent
    return {
      model: record.model,
      input: { prompt: record.prompt, ...negative },
      parameters: {
        size: record.size,
        n: 1,
        prompt_extend: record.promptExtend,
        watermark: record.watermark,
        ...(record.seed !== undefined ? { seed: record.seed } : {}),
      },
    }
  }
  if (sent && isEditRequest(sent)) {
    let stored = 0
    const messages = sent.input.messages.map((m) => ({
      ...m,
      content: m.content.map((c) =>
        'image' in c && c.image.startsWith(STORED_INPUT_PREFIX) ? { image: placeholder(stored, inputs[stored++]) } : c,
      ),
    }))
    return { ...sent, input: { messages } }
  }
  return {
    model: record.model,
    input: {
      messages: [
        { role: 'user', content: [...record.parentIds.map((_, i) => ({ image: placeholder(i, inputs[i]) })), { text: record.prompt }] },
      ],
    },
    parameters: { n: 1, watermark: record.watermark, ...(record.seed !== undefined ? { seed: record.seed } : {}), ...negative },
  }
}

const endpoint = (r: StudioRequest, region: Region) =>
  `${REGION_BASE_URLS[region]}${isEditRequest(r) ? API_PATHS.multimodal : API_PATHS.imageSynthesis}`

/** Text inside single quotes in a POSIX shell. */
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

export function curlCode(r: StudioRequest, region: Region, keyVariable: string): string {
  const body = JSON.stringify(r, null, 2)
  const lines = [
    `curl -X POST ${shellQuote(endpoint(r, region))} \\`,
    ...(isEditRequest(r) ? [] : [`  -H '${ASYNC_HEADER}: enable' \\`]),
    `  -H "Authorization: Bearer $${keyVariable}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ]
  if (isEditRequest(r)) return [`# The edited images are in output.choices[0].message.content (links valid 24 h)`, ...lines].join('\n')
  return [
    `# 1. Create the task; the answer holds output.task_id`,
    ...lines,
    ``,
    `# 2. Ask for the task until output.task_status is SUCCEEDED; output.results[0].url is the image (valid 24 h)`,
    `curl -X GET ${shellQuote(`${REGION_BASE_URLS[region]}/tasks/`)}"$TASK_ID" \\`,
    `  -H "Authorization: Bearer $${keyVariable}"`,
  ].join('\n')
}

/** A Python literal for a JSON value (JSON strings are valid Python strings). */
function py(value: unknown, indent = ''): string {
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (value === null || value === undefined) return 'None'
  if (Array.isArray(value)) return `[${value.map((v) => py(v, indent)).join(', ')}]`
  if (typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${py(v, indent)}`)
      .join(', ')}}`
  return JSON.stringify(value)
}

const pyArgs = (args: Record<string, unknown>) =>
  Object.entries(args)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `    ${k}=${py(v)},`)

export function pythonCode(r: StudioRequest, region: Region, keyVariable: string): string {
  const head = ['import os', '', 'import dashscope']
  const base = [`dashscope.base_http_api_url = ${JSON.stringify(REGION_BASE_URLS[region])}`, '']
  const p = r.parameters ?? {}
  if (isEditRequest(r)) {
    return [
      ...head,
      'from dashscope import MultiModalConversation',
      '',
      ...base,
      `messages = ${py(r.input.messages)}`,
      '',
      'response = MultiModalConversation.call(',
      `    api_key=os.getenv("${keyVariable}"),`,
      `    model=${py(r.model)},`,
      '    messages=messages,',
      '    stream=False,',
      ...pyArgs(p),
      ')',
      'print(response.output.choices[0].message.content if response.status_code == 200 else response)',
    ].join('\n')
  }
  const { negative_prompt, prompt } = r.input
  return [
    ...head,
    'from dashscope import ImageSynthesis',
    '',
    ...base,
    'response = ImageSynthesis.call(',
    `    api_key=os.getenv("${keyVariable}"),`,
    `    model=${py(r.model)},`,
    `    prompt=${py(prompt)},`,
    ...pyArgs({ negative_prompt, ...p }),
    ')',
    'print(response.output.results[0].url if response.status_code == 200 else response)',
  ].join('\n')
}

export function fetchCode(r: StudioRequest, region: Region, keyVariable: string): string {
  const body = JSON.stringify(r, null, 2).replace(/\n/g, '\n  ')
  const common = [
    `const base = ${JSON.stringify(REGION_BASE_URLS[region])}`,
    `const headers = { Authorization: \`Bearer \${process.env.${keyVariable}}\`, 'Content-Type': 'application/json' }`,
    '',
  ]
  if (isEditRequest(r)) {
    return [
      ...common,
      `const response = await fetch(\`\${base}${API_PATHS.multimodal}\`, {`,
      "  method: 'POST',",
      '  headers,',
      `  body: JSON.stringify(${body}),`,
      '}).then((res) => res.json())',
      'console.log(response.output?.choices?.[0]?.message?.content ?? response)',
    ].join('\n')
  }
  return [
    ...common,
    `const created = await fetch(\`\${base}${API_PATHS.imageSynthesis}\`, {`,
    "  method: 'POST',",
    `  headers: { ...headers, '${ASYNC_HEADER}': 'enable' },`,
    `  body: JSON.stringify(${body}),`,
    '}).then((res) => res.json())',
    'let task',
    'do {',
    '  await new Promise((resolve) => setTimeout(resolve, 2000))',
    '  task = await fetch(`${base}/tasks/${created.output.task_id}`, { headers }).then((res) => res.json())',
    "} while (['PENDING', 'RUNNING'].includes(task.output?.task_status))",
    'console.log(task.output?.results?.[0]?.url ?? task)',
  ].join('\n')
}
