/**
 * The simulator's stand-in for the vendor's prompt_extend: a deterministic rewrite that adds
 * style detail. It replaces a few plain words with richer ones, opens with a lead-in and closes
 * with a style sentence, in the prompt's language. Quoted passages (text the model is asked to
 * draw) are copied byte for byte, and nothing added contains a quotation mark, so
 * quotedTexts(rewrite) equals quotedTexts(prompt).
 */
import { hashString } from './prng.ts'

/** The quotation pairs of shared/text.ts quotedTexts(), matched the same way. */
const QUOTED = /"[^"]+"|“[^”]+”|「[^」]+」|『[^』]+』|‘[^’]+’|«[^»]+»/g

const EN_WORDS: Record<string, string> = {
  cute: 'adorable',
  big: 'large',
  small: 'petite',
  little: 'tiny',
  beautiful: 'stunning',
  pretty: 'charming',
  happy: 'joyful',
  nice: 'delightful',
  bright: 'vivid',
  old: 'weathered',
  dark: 'moody',
  photo: 'photograph',
  picture: 'illustration',
  drawing: 'illustration',
  playing: 'frolicking',
  sitting: 'perched',
  running: 'dashing',
  shows: 'depicts',
  featuring: 'showcasing',
  lush: 'verdant',
  fresh: 'crisp',
  cheerful: 'upbeat',
  colorful: 'vibrant',
  red: 'crimson',
  blue: 'azure',
  green: 'emerald',
}

const ZH_WORDS: Record<string, string> = {
  可爱: '萌趣可爱',
  漂亮: '精美',
  美丽: '绚丽',
  开心: '欢快',
  快乐: '欢乐',
  明亮: '明快',
  照片: '摄影作品',
  图片: '画面',
  海报: '主题海报',
  小狗: '小奶狗',
  小猫: '小奶猫',
  草地: '嫩绿的草地',
  天空: '澄澈的天空',
  清新: '清新淡雅',
}

const EN_LEADS = ['A richly detailed composition:', 'Carefully composed artwork:', 'High-quality rendering:']
const EN_STYLES = [
  'Rendered with soft natural lighting, balanced composition, crisp fine details and a harmonious color palette.',
  'The scene features gentle depth of field, clean linework, rich textures and carefully balanced colors.',
  'Finished with cinematic lighting, subtle shadows, sharp focus and an inviting, polished atmosphere.',
]
const ZH_LEADS = ['画面精致细腻：', '高品质构图：', '细节丰富的画面：']
const ZH_STYLES = [
  '整体采用柔和自然的光影，构图均衡，细节清晰，色彩和谐统一。',
  '画面层次分明，线条干净利落，质感丰富，色调温暖协调。',
  '光影富有电影感，阴影细腻，焦点清晰，氛围精致而温馨。',
]

const HAN = /\p{Script=Han}/gu
const LATIN = /[A-Za-z]+/g

/** Whether the prompt is mainly Chinese (more Han characters than Latin words). */
export function isChinesePrompt(prompt: string): boolean {
  const han = prompt.match(HAN)?.length ?? 0
  const words = prompt.match(LATIN)?.length ?? 0
  return han > 0 && han >= words
}

/** Applies `fn` to the text outside quoted passages; quoted passages are kept as they are. */
function outsideQuotes(prompt: string, fn: (text: string) => string): string {
  let out = ''
  let last = 0
  for (const m of prompt.matchAll(QUOTED)) {
    out += fn(prompt.slice(last, m.index)) + m[0]
    last = m.index + m[0].length
  }
  return out + fn(prompt.slice(last))
}

function matchCase(word: string, replacement: string): string {
  return /^[A-Z]/.test(word) ? replacement[0]!.toUpperCase() + replacement.slice(1) : replacement
}

function rewriteEnglish(prompt: string, variant: number): string {
  const body = outsideQuotes(prompt, (text) =>
    text.replace(/[A-Za-z]+/g, (word) => {
      const better = EN_WORDS[word.toLowerCase()]
      return better ? matchCase(word, better) : word
    }),
  )
  // The lead-in starts the sentence now: "A cat" -> "...: a cat" (not for "I" or acronyms).
  const opening = /^[A-Z](?:[a-z]|\s)/.test(body) && !/^I\s/.test(body) ? body[0]!.toLowerCase() + body.slice(1) : body
  const end = /[.!?。！？]$/.test(opening) ? '' : '.'
  return `${EN_LEADS[variant % EN_LEADS.length]} ${opening}${end} ${EN_STYLES[variant % EN_STYLES.length]}`
}

function rewriteChinese(prompt: string, variant: number): string {
  const words = Object.keys(ZH_WORDS)
  const body = outsideQuotes(prompt, (text) => {
    let out = ''
    for (let i = 0; i < text.length;) {
      const word = words.find((w) => text.startsWith(w, i))
      out += word ? ZH_WORDS[word] : text[i]
      i += word ? word.length : 1
    }
    return out
  })
  const end = /[。！？.!?]$/.test(body) ? '' : '。'
  return `${ZH_LEADS[variant % ZH_LEADS.length]}${body}${end}${ZH_STYLES[variant % ZH_STYLES.length]}`
}

/** The "actual_prompt" the simulator reports when prompt_extend is on. */
export function rewritePrompt(prompt: string): string {
  const trimmed = prompt.trim()
  const variant = hashString(trimmed)
  return isChinesePrompt(trimmed) ? rewriteChinese(trimmed, variant) : rewriteEnglish(trimmed, variant)
}
