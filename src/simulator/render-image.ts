/**
 * PNG rendering with resvg from an SVG scene, with fonts from npm only (never the system's):
 * DejaVu Sans (and its serif, mono and condensed bold cuts) for Latin text and Noto Sans Hans
 * (bold and regular) for Chinese. resvg-js ignores `fontBuffers`
 * in its native build and draws WOFF blank, so the fonts are given as .ttf/.otf file paths.
 */
import { createRequire } from 'node:module'
import { renderAsync } from '@resvg/resvg-js'
import { editSvg, type EditScene } from './scene-edit.ts'
import { textToImageSvg, type Svg, type TextToImageScene } from './scene-text-to-image.ts'
import type { PngBytes } from './result-store.ts'
import { LATIN_FONT } from './svg-text.ts'

const require = createRequire(import.meta.url)

function fontPaths() {
  const dejavu = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')
  // @embedpdf/fonts-sc's "exports" hides its font files: resolve the package entry and go from there.
  const notoDir = require.resolve('@embedpdf/fonts-sc').replace(/dist[\\/]index\.cjs$/, 'fonts/')
  const cuts = ['DejaVuSans-Bold', 'DejaVuSerif-Bold', 'DejaVuSansMono-Bold', 'DejaVuSansCondensed-Bold']
  const latin = [dejavu, ...cuts.map((cut) => dejavu.replace(/DejaVuSans\.ttf$/, `${cut}.ttf`))]
  return { latin, all: [...latin, `${notoDir}NotoSansHans-Bold.otf`, `${notoDir}NotoSansHans-Regular.otf`] }
}

let fonts: ReturnType<typeof fontPaths> | undefined

/**
 * Renders an SVG to PNG bytes off the main thread (libuv pool). resvg's async work does not keep
 * Node's event loop alive, so a ref'd timer does while it runs (else a script could exit mid-render).
 */
export async function renderSvg({ svg, cjk }: Svg): Promise<PngBytes> {
  fonts ??= fontPaths()
  const keepAlive = setInterval(() => {}, 60_000)
  try {
    return await render(svg, cjk ? fonts.all : fonts.latin)
  } finally {
    clearInterval(keepAlive)
  }
}

async function render(svg: string, fontFiles: string[]): Promise<PngBytes> {
  const image = await renderAsync(svg, {
    font: {
      loadSystemFonts: false,
      // The 8 MB CJK font costs ~50 ms to load per render: only load it when a text needs it.
      fontFiles,
      defaultFontFamily: LATIN_FONT,
      sansSerifFamily: LATIN_FONT,
    },
    logLevel: 'off',
  })
  return new Uint8Array(image.asPng())
}

export function renderTextToImage(scene: TextToImageScene): Promise<PngBytes> {
  return renderSvg(textToImageSvg(scene))
}

export function renderEdit(scene: EditScene): Promise<PngBytes> {
  return renderSvg(editSvg(scene))
}
