/**
 * The "parameters" text other image tools read and write (AUTOMATIC1111's layout): the prompt
 * (one or more lines), then `Negative prompt: ...`, then one line of `Key: value` pairs, e.g.
 * `Seed: 42, Size: 1664x928, Model: qwen-image-plus`. Values with commas or quotes are quoted
 * as JSON strings, as A1111 does.
 */
import { parseSize } from '../../../shared/sizes.ts'
import { FileImageParams, type StudioImageParams } from './studio-params.ts'

const NEGATIVE = 'Negative prompt:'
/** One `Key: value` pair of the last line (A1111's re_param). */
const PARAM = /\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/g
const KNOWN_KEYS = new Set(['seed', 'size', 'model', 'steps', 'sampler', 'cfg scale', 'model hash'])

const quote = (v: string) => (/[,"\n]/.test(v) ? JSON.stringify(v) : v)

export function formatA1111(p: StudioImageParams): string {
  const lines = [p.prompt]
  if (p.negativePrompt) lines.push(`${NEGATIVE} ${p.negativePrompt}`)
  const size = p.width && p.height ? `${p.width}x${p.height}` : p.size?.replace('*', 'x')
  const pairs: string[] = []
  if (p.seed !== undefined) pairs.push(`Seed: ${p.seed}`)
  if (size) pairs.push(`Size: ${size}`)
  if (p.model) pairs.push(`Model: ${quote(p.model)}`)
  if (pairs.length) lines.push(pairs.join(', '))
  return lines.join('\n')
}

function paramPairs(line: string): Map<string, string> | undefined {
  const pairs = new Map<string, string>()
  let consumed = 0
  for (const m of line.matchAll(PARAM)) {
    if (!m[0]) break
    consumed += m[0].length
    let value = m[2]!.trim()
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string
      } catch {
        // keep it as written
      }
    }
    pairs.set(m[1]!.trim().toLowerCase(), value)
  }
  // The whole line must be pairs; 3 or more (A1111's rule) or only keys the studio writes.
  if (consumed !== line.length || pairs.size === 0) return undefined
  if (pairs.size >= 3 || [...pairs.keys()].every((k) => KNOWN_KEYS.has(k))) return pairs
  return undefined
}

/** A seed as written: a number when it is a whole number JavaScript holds exactly, else the text. */
const seedValue = (text: string) => (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text)

/** The parameters in an A1111 text (as written, not judged), or undefined when there is no prompt. */
export function parseA1111(text: string): FileImageParams | undefined {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n')
  const pairs = lines.length > 0 ? paramPairs(lines.at(-1)!) : undefined
  if (pairs) lines.pop()
  const prompt: string[] = []
  const negative: string[] = []
  for (const line of lines) {
    if (negative.length === 0 && line.startsWith(NEGATIVE)) negative.push(line.slice(NEGATIVE.length).trimStart())
    else (negative.length ? negative : prompt).push(line)
  }
  const seed = pairs?.get('seed')
  const size = pairs?.get('size')
  const wh = size ? /^(\d+)\s*[x*×]\s*(\d+)$/i.exec(size) : null
  const dims = wh && Number(wh[1]) > 0 && Number(wh[2]) > 0 ? parseSize(`${wh[1]}*${wh[2]}`) : undefined
  const parsed = FileImageParams.safeParse({
    prompt: prompt.join('\n'),
    negativePrompt: negative.length ? negative.join('\n') : undefined,
    model: pairs?.get('model') || undefined,
    seed: seed ? seedValue(seed) : undefined,
    ...(dims ? { size: `${dims.width}*${dims.height}`, width: dims.width, height: dims.height } : size ? { size } : {}),
  })
  return parsed.success && parsed.data.prompt.trim() ? parsed.data : undefined
}
