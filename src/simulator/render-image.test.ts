// @vitest-environment node
import { Resvg } from '@resvg/resvg-js'
import { beforeAll, describe, expect, it } from 'vitest'
import { sniffImage } from '../shared/image-input.ts'
import { renderEdit, renderTextToImage } from './render-image.ts'
import { canEmbed, editSvg, type EditInput } from './scene-edit.ts'
import { drawnTexts, textToImageSvg, type TextToImageScene } from './scene-text-to-image.ts'
import { pngFixture, pngSize, sameBytes } from '../testing/simulator-harness.ts'
import { bmp, fromBase64, JPEG_576x384_BASE64, tiff, WEBP_576x384_BASE64 } from '../testing/test-images.ts'

const scene: TextToImageScene = {
  model: 'qwen-image-plus',
  prompt: 'A poster with the title “Come Play Ball!” and the subtitle "Hehe"',
  seed: 42,
  width: 1664,
  height: 928,
  watermark: false,
}

function input(bytes: Uint8Array): EditInput {
  const facts = sniffImage(bytes)!
  return { format: facts.format, width: facts.width, height: facts.height, bytes }
}

describe('text-to-image scene (SVG)', () => {
  it('varies typeface, panel and tilt by seed, the tilt within 3 degrees', () => {
    const looks = new Set<string>()
    for (let seed = 0; seed < 40; seed++) {
      const { svg } = textToImageSvg({ ...scene, seed, prompt: 'A poster "Grand Opening"' })
      const family = /font-family="'(DejaVu[^']*)'/.exec(svg)?.[1]
      const tilt = Number(/<g transform="rotate\((-?[\d.]+) /.exec(svg)?.[1] ?? 0)
      expect(Math.abs(tilt)).toBeLessThanOrEqual(3)
      looks.add(`${family}`)
    }
    expect([...looks].sort()).toEqual(['DejaVu Sans', 'DejaVu Sans Condensed', 'DejaVu Sans Mono', 'DejaVu Serif'])
  })

  it('draws one string with a typo under the text-typo fault, deterministically', () => {
    const prompt = 'A poster "Grand Opening" and "Fresh Bread Daily"'
    const texts = drawnTexts({ ...scene, prompt, typo: true })
    expect(texts).toEqual(drawnTexts({ ...scene, prompt, typo: true }))
    expect(texts.filter((t, i) => t !== ['Grand Opening', 'Fresh Bread Daily'][i])).toHaveLength(1)
    expect(drawnTexts({ ...scene, prompt })).toEqual(['Grand Opening', 'Fresh Bread Daily'])
    const { svg } = textToImageSvg({ ...scene, prompt, typo: true })
    for (const t of texts) expect(svg).toContain(t)
  })

  it('draws every quoted text, XML-escaped, with a caption of the prompt start that leaves the quotes out', () => {
    const { svg, cjk } = textToImageSvg({ ...scene, prompt: 'Sign: "Tom & Jerry <3" and “一起玩球” in a park' })
    expect(svg).toContain('>Tom &amp; Jerry &lt;3</text>')
    expect(svg).toContain('>一起玩球</text>')
    expect(svg).toMatch(/font-family="'Noto Sans S Chinese', 'DejaVu [^']+'" font-weight="(bold|normal)"/)
    expect(svg).toContain('Sign: &quot;…&quot; and “…” in a park')
    expect(svg.match(/Tom &amp; Jerry/g)).toHaveLength(1)
    expect(cjk).toBe(true)
    expect(svg).not.toContain('Qwen-Image')
    expect(textToImageSvg({ ...scene, watermark: true }).svg).toContain('>Qwen-Image</text>')
  })
})

describe('PNG rendering', () => {
  it('is deterministic for (model, prompt, seed, size) and differs by seed, prompt, model and watermark', async () => {
    const started = performance.now()
    const a = await renderTextToImage(scene)
    const ms = performance.now() - started
    console.info(`render 1664x928 (first, fonts cold): ${ms.toFixed(0)} ms, ${(a.byteLength / 1024).toFixed(0)} KB`)
    const [again, seed, prompt, model, mark] = await Promise.all([
      renderTextToImage(scene),
      renderTextToImage({ ...scene, seed: 43 }),
      renderTextToImage({ ...scene, prompt: `${scene.prompt}!` }),
      renderTextToImage({ ...scene, model: 'qwen-image' }),
      renderTextToImage({ ...scene, watermark: true }),
    ])
    expect(pngSize(a)).toEqual({ width: 1664, height: 928 })
    expect(sameBytes(a, again)).toBe(true)
    for (const other of [seed, prompt, model, mark]) expect(sameBytes(a, other)).toBe(false)
  })

  it('renders 1664x928 in well under a second (measured)', async () => {
    const times: number[] = []
    for (let i = 0; i < 2; i++) {
      const started = performance.now()
      await renderTextToImage({ ...scene, seed: 100 + i })
      times.push(performance.now() - started)
    }
    const zhStarted = performance.now()
    await renderTextToImage({ ...scene, prompt: '海报标题“一起来玩球吧！”' })
    const zh = performance.now() - zhStarted
    console.info(`render 1664x928 warm: ${times.map((t) => t.toFixed(0)).join(', ')} ms; with the CJK font: ${zh.toFixed(0)} ms`)
    expect(Math.min(...times)).toBeLessThan(1500)
  })
})

describe('edit scene', () => {
  let png: Uint8Array<ArrayBuffer>
  beforeAll(async () => {
    png = await pngFixture(600, 400)
  })

  it('embeds PNG and JPEG inputs; WebP, BMP and TIFF (which resvg cannot decode) become labelled panels', () => {
    expect(['png', 'jpg'].every(canEmbed)).toBe(true)
    expect(['webp', 'bmp', 'tiff'].some(canEmbed)).toBe(false)
    const inputs = [input(png), input(fromBase64(JPEG_576x384_BASE64)), input(fromBase64(WEBP_576x384_BASE64))]
    const { svg } = editSvg({ ...scene, width: 1248, height: 832, inputs, prompt: 'Put "SALE" on Image 1' })
    expect(svg.match(/<image /g)).toHaveLength(2)
    expect(svg).toContain('href="data:image/png;base64,')
    expect(svg).toContain('href="data:image/jpeg;base64,')
    expect(svg).toContain('Image 3: WEBP 576×384')
    expect(svg).toContain('>SALE</text>')
    const panels = editSvg({ ...scene, width: 1248, height: 832, inputs: [input(bmp(400, 400)), input(tiff(400, 400))] }).svg
    expect(panels).not.toContain('<image ')
    expect(panels).toContain('Image 1: BMP 400×400')
    expect(panels).toContain('Image 2: TIFF 400×400')
  })

  it('matches what resvg can decode: PNG and JPEG draw, WebP, BMP and TIFF are silently dropped', () => {
    const drawn = (mime: string, bytes: Uint8Array) => {
      const href = `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#0f0"/><image width="8" height="8" preserveAspectRatio="none" href="${href}"/></svg>`
      const px = new Resvg(svg, { logLevel: 'off', font: { loadSystemFonts: false } }).render().pixels
      return !(px[0] === 0 && px[1] === 255 && px[2] === 0)
    }
    const samples: [string, string, Uint8Array][] = [
      ['png', 'image/png', png],
      ['jpg', 'image/jpeg', fromBase64(JPEG_576x384_BASE64)],
      ['webp', 'image/webp', fromBase64(WEBP_576x384_BASE64)],
      ['bmp', 'image/bmp', bmp(400, 400)],
      ['tiff', 'image/tiff', tiff(400, 400)],
    ]
    for (const [format, mime, bytes] of samples) expect(drawn(mime, bytes), format).toBe(canEmbed(format))
  })

  it('derives visibly from the inputs and from the seed', async () => {
    const base = { ...scene, width: 1248, height: 832, prompt: 'Make it "warmer"' }
    const [a, same, otherSeed, otherInput, webp] = await Promise.all([
      renderEdit({ ...base, inputs: [input(png)] }),
      renderEdit({ ...base, inputs: [input(png)] }),
      renderEdit({ ...base, seed: 43, inputs: [input(png)] }),
      renderEdit({ ...base, inputs: [input(fromBase64(JPEG_576x384_BASE64))] }),
      renderEdit({ ...base, inputs: [input(fromBase64(WEBP_576x384_BASE64))] }),
    ])
    expect(pngSize(a)).toEqual({ width: 1248, height: 832 })
    expect(sameBytes(a, same)).toBe(true)
    for (const other of [otherSeed, otherInput, webp]) expect(sameBytes(a, other)).toBe(false)
  })
})
