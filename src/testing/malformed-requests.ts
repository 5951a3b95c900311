/**
 * Generated malformed requests for the gateway's acceptance test: mutations of the contract's
 * request shapes (wrong types, missing fields, out-of-range numbers), bad JSON, wrong content
 * types, undocumented paths, wrong methods, cross-site writes, oversize bodies and bad result
 * links. Deterministic for a seed. Used by tests only.
 */
import { API_PATHS, ASYNC_HEADER } from '../shared/api-paths.ts'
import { validateImageSynthesis, validateMultimodal } from '../shared/validate.ts'
import { createPrng, type Prng } from '../simulator/prng.ts'
import { MAX_BODY_BYTES } from '../shared/limits.ts'

export interface MalformedRequest {
  kind: string
  path: string
  init: RequestInit
}

const JSON_TYPE = 'application/json; charset=utf-8'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const t2iBody = (): Record<string, Json> => ({
  model: 'qwen-image-plus',
  input: { messages: [{ role: 'user', content: [{ text: 'a red kite over the sea' }] }] },
  parameters: { size: '1328*1328', n: 1, seed: 42, prompt_extend: false, watermark: false },
})

const taskBody = (): Record<string, Json> => ({
  model: 'qwen-image-plus',
  input: { prompt: 'a red kite over the sea', negative_prompt: 'blur' },
  parameters: { size: '1328*1328', n: 1, seed: 42, prompt_extend: false, watermark: false },
})

const ROUTES = [
  { path: API_PATHS.multimodal, make: t2iBody, validate: validateMultimodal, headers: {} },
  { path: API_PATHS.imageSynthesis, make: taskBody, validate: validateImageSynthesis, headers: { [ASYNC_HEADER]: 'enable' } },
] as const

const WRONG_VALUES: Json[] = [null, true, 0, -1, 1.5, 1e308, -1e308, 2 ** 53, '', 'x', '9'.repeat(400), [], [1, 2], {}, { a: 1 }]
const BAD_NUMBERS: Json[] = [-1, 0, 1.5, 2 ** 31, 2 ** 53, 1e308, -1e308, '1', null, true, []]

/** Every path to a leaf or object inside `value`, e.g. ['parameters', 'n']. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))]
}

function setAt(root: Json, path: (string | number)[], value: Json | undefined): Json {
  if (path.length === 0) return value ?? null
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key]!, root) as Record<string | number, Json>
  const key = path.at(-1)!
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1)
    else delete parent[key]
  } else parent[key] = value
  return root
}

/** One contract-visible mutation of a valid body; undefined when it happens to stay valid. */
function mutatedBody(rng: Prng): { body: Json; route: (typeof ROUTES)[number]; how: string } {
  const route = rng.pick(ROUTES)
  for (;;) {
    const body: Json = route.make()
    const how = rng.pick(['wrong-type', 'missing-field', 'bad-number', 'bad-size', 'bad-model', 'not-an-object', 'empty-content'])
    let mutated: Json
    if (how === 'wrong-type') {
      const paths = pathsOf(body).filter((p) => p.length > 0)
      mutated = setAt(body, rng.pick(paths), rng.pick(WRONG_VALUES))
    } else if (how === 'missing-field') {
      const paths = pathsOf(body).filter((p) => p.length > 0 && p.at(-1) !== 'parameters')
      mutated = setAt(body, rng.pick(paths), undefined)
    } else if (how === 'bad-number') {
      mutated = setAt(body, ['parameters', rng.pick(['n', 'seed'])], rng.pick(BAD_NUMBERS))
    } else if (how === 'bad-size') {
      mutated = setAt(body, ['parameters', 'size'], rng.pick(['abc', '1*1', '99999*99999', '1328x1328', '*', '-1328*-1328', '']))
    } else if (how === 'bad-model') {
      mutated = setAt(body, ['model'], rng.pick(['gpt-4', 'qwen-image-plus ', 'QWEN', 'wanx-v1', '../qwen-image']))
    } else if (how === 'not-an-object') {
      mutated = rng.pick<Json>([null, [], 42, 'body', true, [body]])
    } else {
      mutated =
        route.path === API_PATHS.multimodal ? setAt(body, ['input', 'messages', 0, 'content'], []) : setAt(body, ['input', 'prompt'], '')
    }
    // Only mutations the contract refuses count: an accidentally valid one is drawn again.
    if (!route.validate(mutated).ok) return { body: mutated, route, how }
  }
}

const bytes = (text: string) => new TextEncoder().encode(text)

function randomBytes(rng: Prng, n: number): Uint8Array<ArrayBuffer> {
  return Uint8Array.from({ length: n }, () => rng.int(0, 255))
}

function token(rng: Prng): string {
  return `x${Array.from({ length: rng.int(1, 12) }, () => rng.pick([...'abcdefghijklmnopqrstuvwxyz0123456789-_.~'])).join('')}`
}

const post = (body: BodyInit, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': JSON_TYPE, ...headers },
  body,
})

type Maker = (rng: Prng) => MalformedRequest

const MAKERS: [weight: number, Maker][] = [
  [
    40,
    (rng) => {
      const { body, route, how } = mutatedBody(rng)
      return { kind: `contract:${how}`, path: `/api/v1${route.path}`, init: post(JSON.stringify(body), route.headers) }
    },
  ],
  [
    12,
    (rng) => {
      const route = rng.pick(ROUTES)
      const valid = JSON.stringify(route.make())
      const body = rng.pick([
        () => valid.slice(0, rng.int(0, valid.length - 1)),
        () => valid.replace('{', '['),
        () => `${valid},`,
        () => "{'model': 'qwen-image-plus'}",
        () => '',
        () => 'undefined',
      ])()
      return { kind: 'bad-json', path: `/api/v1${route.path}`, init: post(body, route.headers) }
    },
  ],
  [
    4,
    (rng) => {
      const route = rng.pick(ROUTES)
      // Random bytes, some not UTF-8 at all.
      return { kind: 'bad-bytes', path: `/api/v1${route.path}`, init: post(randomBytes(rng, rng.int(1, 300)), route.headers) }
    },
  ],
  [
    10,
    (rng) => {
      const route = rng.pick(ROUTES)
      const type = rng.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'image/png',
        'application/jsonp',
      ])
      return {
        kind: 'wrong-content-type',
        path: `/api/v1${route.path}`,
        init: post(JSON.stringify(route.make()), { ...route.headers, 'content-type': type }),
      }
    },
  ],
  [
    10,
    (rng) => {
      const path = rng.pick([
        () => `/api/v1/${token(rng)}`,
        () => `/api/v1/services/aigc/${token(rng)}`,
        () => `/api/v1${API_PATHS.multimodal}/${token(rng)}`,
        () => `/api/v1/tasks/${token(rng)}/cancel/${token(rng)}`,
        () => `/api/${token(rng)}`,
        () => `/api/v2/${token(rng)}`,
        () => `/api/v1/..%2f..%2f${token(rng)}`,
        () => `/api/v1/${'a'.repeat(rng.int(1000, 4000))}`,
      ])()
      return { kind: 'bad-path', path, init: rng.next() < 0.5 ? { method: 'GET' } : post('{}') }
    },
  ],
  [
    10,
    (rng) => {
      const [path, methods] = rng.pick<[string, string[]]>([
        [`/api/v1${API_PATHS.multimodal}`, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']],
        [`/api/v1${API_PATHS.imageSynthesis}`, ['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']],
        [`/api/v1${API_PATHS.task(token(rng))}`, ['POST', 'PUT', 'DELETE', 'PATCH']],
        [`/api/v1${API_PATHS.cancel(token(rng))}`, ['GET', 'PUT', 'DELETE']],
        [`/api/v1${API_PATHS.tasks}`, ['POST', 'PUT', 'DELETE']],
        ['/api/config', ['POST', 'PUT', 'DELETE']],
        ['/api/image', ['POST', 'PUT', 'DELETE']],
        ['/api/health', ['POST', 'DELETE']],
      ])
      const method = rng.pick(methods)
      const body = method === 'GET' || method === 'OPTIONS' ? undefined : '{}'
      return { kind: 'bad-method', path, init: { method, headers: { 'content-type': JSON_TYPE }, body } }
    },
  ],
  [
    6,
    (rng) => {
      const route = rng.pick(ROUTES)
      const origin = rng.pick(['https://evil.example', 'http://127.0.0.1:1', 'null'])
      return { kind: 'cross-site', path: `/api/v1${route.path}`, init: post(JSON.stringify(route.make()), { ...route.headers, origin }) }
    },
  ],
  [
    8,
    (rng) => {
      const url = rng.pick([
        '',
        'not a url',
        'file:///etc/passwd',
        'http://127.0.0.1/x.png',
        `https://${token(rng)}.example/x.png`,
        'https://169.254.169.254/latest/meta-data/',
        'data:image/png;base64,AAAA',
        `https://dashscope-result-sz.oss-cn-shenzhen.aliyuncs.com.${token(rng)}.com/x.png`,
      ])
      return { kind: 'bad-image-url', path: url ? `/api/image?url=${encodeURIComponent(url)}` : '/api/image', init: { method: 'GET' } }
    },
  ],
]

const TOTAL_WEIGHT = MAKERS.reduce((sum, [w]) => sum + w, 0)

/** A body just over the gateway's limit (a few of these are enough; each is 30 MB). */
export function oversizeRequest(): MalformedRequest {
  const body = bytes(`{"model":"qwen-image-edit-plus","pad":"${'a'.repeat(MAX_BODY_BYTES)}"}`)
  return { kind: 'oversize', path: `/api/v1${API_PATHS.multimodal}`, init: post(body) }
}

/** `count` malformed requests, the same ones for the same seed. */
export function malformedRequests(seed: number, count: number): MalformedRequest[] {
  const rng = createPrng(seed)
  return Array.from({ length: count }, () => {
    let roll = rng.next() * TOTAL_WEIGHT
    const maker = MAKERS.find(([w]) => (roll -= w) < 0)?.[1] ?? MAKERS[0]![1]
    return maker(rng)
  })
}
