// @vitest-environment node
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 as zlibCrc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { pngBytes } from '../../../testing/image-bytes.ts'
import { pythonPngHeadText, readPngHeadText } from '../../../testing/png-head-text.ts'
import { formatA1111, parseA1111 } from './a1111-parameters.ts'
import { crc32 } from './crc32.ts'
import { encodeChunks, extractChunks, insertChunks, PngFormatError } from './png-chunks.ts'
import { A1111_KEYWORD, readPngParameters, readPngParametersFromBytes, stampPngParameters, STUDIO_KEYWORD } from './png-parameters.ts'
import { decodeTextChunk, iTXtChunk, tEXtChunk, textChunk } from './png-text.ts'
import type { StudioImageParams } from './studio-params.ts'
import { temporaryFolder } from '../../../testing/temporary-folder.ts'

const CHINESE: StudioImageParams = {
  prompt: '一张海报，标题是“夏日促销”，霓虹灯，雨夜街道',
  negativePrompt: '模糊，低质量',
  actualPrompt: '一张电影感的海报：标题“夏日促销”用粗体霓虹字写在雨夜的街道上方。',
  model: 'qwen-image-plus',
  size: '1664*928',
  width: 1664,
  height: 928,
  seed: 2147483647,
  promptExtend: true,
  watermark: false,
  kind: 't2i',
  createdAt: 1_760_000_000_000,
  region: 'beijing',
}

/** The same PNG with its image data in two IDAT chunks (as large encoders write it). */
function splitImageData(png: Uint8Array): Uint8Array {
  const chunks = extractChunks(png)
  const data = chunks.find((c) => c.type === 'IDAT')!.data
  const half = Math.floor(data.length / 2)
  return encodeChunks(
    chunks.flatMap((c) =>
      c.type === 'IDAT'
        ? [
            { type: 'IDAT', data: data.subarray(0, half) },
            { type: 'IDAT', data: data.subarray(half) },
          ]
        : [c],
    ),
  )
}

const texts = (png: Uint8Array) =>
  extractChunks(png)
    .map(decodeTextChunk)
    .filter((t) => t !== undefined)

describe('crc32', () => {
  it('gives the check value of the CRC-32 catalogue and agrees with zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(crc32(new Uint8Array())).toBe(0)
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255)
    expect(crc32(bytes)).toBe(zlibCrc32(bytes))
    expect(crc32(bytes.subarray(1234), crc32(bytes.subarray(0, 1234)))).toBe(zlibCrc32(bytes))
  })
})

describe('PNG chunks', () => {
  it('extracts and re-encodes a PNG byte for byte', () => {
    const png = pngBytes(8, 4)
    const chunks = extractChunks(png)
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND'])
    expect(chunks.every((c) => c.crcOk)).toBe(true)
    expect(encodeChunks(chunks)).toEqual(png)
  })

  it('flags a chunk whose CRC does not match, and refuses what is not a PNG', () => {
    const png = pngBytes(4, 4)
    png[png.length - 20] = png[png.length - 20]! ^ 0xff // inside IDAT
    expect(extractChunks(png).find((c) => c.type === 'IDAT')?.crcOk).toBe(false)
    expect(() => extractChunks(new TextEncoder().encode('GIF89a'))).toThrow(PngFormatError)
    expect(() => extractChunks(pngBytes(4, 4).subarray(0, 40))).toThrow(/Truncated/)
  })

  it('inserts chunks before the first IDAT and drops the ones asked', () => {
    const png = insertChunks(splitImageData(pngBytes(4, 4)), [tEXtChunk('Comment', 'one')])
    const again = insertChunks(png, [tEXtChunk('Comment', 'two')], (c) => decodeTextChunk(c)?.keyword === 'Comment')
    expect(extractChunks(again).map((c) => c.type)).toEqual(['IHDR', 'tEXt', 'IDAT', 'IDAT', 'IEND'])
    expect(texts(again)).toEqual([{ type: 'tEXt', keyword: 'Comment', text: 'two' }])
  })
})

describe('PNG text chunks', () => {
  it('round-trips tEXt (Latin-1), iTXt and compressed iTXt (UTF-8)', () => {
    expect(decodeTextChunk(tEXtChunk('Title', 'Café crème ±'))).toEqual({ type: 'tEXt', keyword: 'Title', text: 'Café crème ±' })
    expect(decodeTextChunk(iTXtChunk('Title', '夏日促销 🌞'))).toEqual({ type: 'iTXt', keyword: 'Title', text: '夏日促销 🌞' })
    expect(decodeTextChunk(iTXtChunk('Title', '夏日'.repeat(500), { compress: true }))?.text).toBe('夏日'.repeat(500))
  })

  it('writes tEXt for Latin-1 text and iTXt otherwise; refuses bad keywords', () => {
    expect(textChunk('parameters', 'a cat').type).toBe('tEXt')
    expect(textChunk('parameters', '一只猫').type).toBe('iTXt')
    expect(() => tEXtChunk('parameters', '一只猫')).toThrow(/Latin-1/)
    expect(() => tEXtChunk('', 'x')).toThrow(/keyword/)
    expect(() => tEXtChunk(' lead', 'x')).toThrow(/keyword/)
    expect(() => tEXtChunk('k'.repeat(80), 'x')).toThrow(/keyword/)
  })
})

describe('A1111 parameters text', () => {
  it('writes the prompt line, the negative prompt line and the settings line', () => {
    expect(
      formatA1111({ prompt: 'a red fox', negativePrompt: 'blurry', seed: 42, width: 1664, height: 928, model: 'qwen-image-plus' }),
    ).toBe('a red fox\nNegative prompt: blurry\nSeed: 42, Size: 1664x928, Model: qwen-image-plus')
    expect(formatA1111({ prompt: 'a red fox', size: '1328*1328' })).toBe('a red fox\nSize: 1328x1328')
  })

  it("parses A1111's own files, multi-line prompts and quoted values", () => {
    const a1111 =
      'masterpiece, a castle\non a hill\nNegative prompt: lowres,\nbad hands\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: 512x768, Model hash: abc, Model: "sd, v1"'
    expect(parseA1111(a1111)).toEqual({
      prompt: 'masterpiece, a castle\non a hill',
      negativePrompt: 'lowres,\nbad hands',
      seed: 1234,
      size: '512*768',
      width: 512,
      height: 768,
      model: 'sd, v1',
    })
    expect(parseA1111('just a prompt: with a colon')).toEqual({ prompt: 'just a prompt: with a colon' })
    expect(parseA1111('')).toBeUndefined()
  })

  it('round-trips Chinese text', () => {
    const text = formatA1111(CHINESE)
    expect(parseA1111(text)).toEqual({
      prompt: CHINESE.prompt,
      negativePrompt: CHINESE.negativePrompt,
      seed: CHINESE.seed,
      size: '1664*928',
      width: 1664,
      height: 928,
      model: 'qwen-image-plus',
    })
  })
})

describe('stamped PNGs', () => {
  it('carry the studio JSON (iTXt) and the A1111 text, with valid CRCs, and read back (Chinese)', async () => {
    const png = stampPngParameters(pngBytes(16, 9), CHINESE)
    const chunks = extractChunks(png)
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'iTXt', 'IDAT', 'IEND'])
    for (const c of chunks) expect(c.crc).toBe(zlibCrc32(Buffer.concat([Buffer.from(c.type, 'latin1'), c.data])))
    const [studio, a1111] = texts(png)
    expect(studio?.keyword).toBe(STUDIO_KEYWORD)
    expect(JSON.parse(studio!.text)).toMatchObject({ version: 1, prompt: CHINESE.prompt })
    expect(a1111).toEqual({ type: 'iTXt', keyword: A1111_KEYWORD, text: formatA1111(CHINESE) })
    expect(await readPngParameters(new Blob([png]))).toEqual(CHINESE)
  })

  it('write the A1111 text as tEXt when it is Latin-1, and replace an older stamp', () => {
    const first = stampPngParameters(pngBytes(4, 4), { prompt: 'a cat', seed: 1 })
    const second = stampPngParameters(first, { prompt: 'a dog', seed: 2, model: 'qwen-image' })
    expect(extractChunks(second).map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'tEXt', 'IDAT', 'IEND'])
    expect(readPngParametersFromBytes(second)).toEqual({ prompt: 'a dog', seed: 2, model: 'qwen-image' })
  })

  it('are read by stdlib-only readers that stop at the first IDAT (Node and Python), Chinese included', async (ctx) => {
    for (const [name, params] of [
      ['chinese', CHINESE],
      ['latin', { prompt: 'a red fox', seed: 42, model: 'qwen-image' }],
    ] as const) {
      const png = stampPngParameters(splitImageData(pngBytes(16, 9)), params)
      const head = readPngHeadText(png)
      expect(head.chunks.at(-1)).toBe('IDAT')
      expect(JSON.parse(head.texts[STUDIO_KEYWORD]!)).toMatchObject({ prompt: params.prompt, seed: params.seed })
      expect(head.texts[A1111_KEYWORD]).toBe(formatA1111(params))
      const file = join(temporaryFolder('png-head-'), `${name}.png`)
      await writeFile(file, png)
      expect(pythonPngHeadText(file)).toEqual(head.texts)
      console.log(
        `${ctx.task.name} [${name}]: head chunks ${head.chunks.join(',')}; keywords before IDAT: ${Object.keys(head.texts).join(', ')}`,
      )
    }
  })

  it('fall back to the A1111 text when there is no studio JSON, and give nothing for plain files', () => {
    const other = insertChunks(pngBytes(4, 4), [tEXtChunk('parameters', 'a lighthouse\nSeed: 7, Size: 1328x1328, Model: qwen-image')])
    expect(readPngParametersFromBytes(other)).toEqual({
      prompt: 'a lighthouse',
      seed: 7,
      size: '1328*1328',
      width: 1328,
      height: 1328,
      model: 'qwen-image',
    })
    expect(readPngParametersFromBytes(pngBytes(4, 4))).toBeUndefined()
    expect(readPngParametersFromBytes(new TextEncoder().encode('not a png'))).toBeUndefined()
    const broken = insertChunks(pngBytes(4, 4), [iTXtChunk(STUDIO_KEYWORD, '{not json'), tEXtChunk('parameters', 'a boat')])
    expect(readPngParametersFromBytes(broken)).toEqual({ prompt: 'a boat' })
  })
})
