import type { Page } from '@playwright/test'
import { expect, test } from './fixtures/test.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1024, height: 768 },
  { width: 390, height: 844 },
] as const

const SHOTS = process.env.WORKSPACE_SHOTS

/** The element's box lies wholly inside the viewport (the page itself is not scrolled). */
async function inView(page: Page, selector: ReturnType<Page['locator']>) {
  const box = await selector.evaluate((el) => {
    const r = el.getBoundingClientRect()
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }
  })
  const vp = page.viewportSize()!
  return box.top >= 0 && box.left >= 0 && box.bottom <= vp.height + 0.5 && box.right <= vp.width + 0.5
}

/** Runs a seed sweep of `count` and waits for all its jobs. */
async function sweep(studio: StudioPage, prompt: string, count: number) {
  await studio.chooseBatch('Seed sweep')
  await studio.page.getByRole('spinbutton', { name: 'Images' }).fill(String(count))
  await studio.prompt.fill(prompt)
  await studio.generate.click()
  await expect(studio.jobsWithStatus('Done').filter({ hasText: prompt })).toHaveCount(count, { timeout: 40_000 })
}

test('the workspace: Generate, stage and library in view after 20 images; true thumbnails; 100% zoom; a sweep as one sheet', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()

  // A portrait and a landscape image, then sweeps up to 20 images.
  const portrait = `Poster, portrait "TALL" (${Date.now()})`
  const landscape = `Banner, landscape "WIDE" (${Date.now()})`
  await gallery.generate(studio, portrait, '9:16')
  await gallery.generate(studio, landscape, '16:9')
  await studio.pickAspectRatio('1:1')
  const sweepPrompt = `Sweep of four "SHEET" (${Date.now()})`
  await sweep(studio, sweepPrompt, 4)

  // The sweep landed as one contact sheet of 4 on the stage.
  const stage = page.getByRole('region', { name: 'Stage' })
  const sheet = stage.getByRole('list', { name: 'Contact sheet' })
  await expect(sheet.getByRole('listitem')).toHaveCount(4)
  await expect
    .poll(() => sheet.getByRole('img').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length))
    .toBe(4)
  console.log('sweep of 4: stage shows 1 contact sheet with 4 images')

  for (let i = 0; i < 3; i++) await sweep(studio, `Filler sweep ${i} (${Date.now()})`, 4)
  // 2 + 4 + 12 = 18; two more
  await sweep(studio, `Last two (${Date.now()})`, 2)
  await expect(gallery.region.getByRole('status').first()).toContainText('20 images')

  for (const vp of VIEWPORTS) {
    await page.setViewportSize(vp)
    await page.reload()
    await expect(studio.generate).toBeVisible()
    const firstCell = gallery.region.getByRole('list', { name: 'Gallery images' }).getByRole('listitem').first()
    await expect(firstCell.locator('img')).toBeVisible({ timeout: 20_000 })
    const scrollY = await page.evaluate(() => window.scrollY)
    const generateIn = await inView(page, studio.generate)
    const stageIn = await inView(page, stage)
    const rowIn = await inView(page, firstCell)
    console.log(
      `${vp.width}x${vp.height}: scrollY ${scrollY}, Generate in view ${generateIn}, stage in view ${stageIn}, first library row in view ${rowIn}`,
    )
    expect(scrollY).toBe(0)
    expect([generateIn, stageIn, rowIn]).toEqual([true, true, true])

    // Thumbnails: the picture drawn inside each cell keeps its image's aspect and is not cut off.
    for (const [prompt, aspect] of [
      [portrait, 928 / 1664],
      [landscape, 1664 / 928],
    ] as const) {
      await gallery.search.fill(prompt) // the first two images are far down the (virtualized) grid
      await gallery.expectThumbnail(prompt)
      const drawn = await gallery.cell(prompt).evaluate((button) => {
        const img = button.querySelector('img')!
        const b = button.getBoundingClientRect()
        const r = img.getBoundingClientRect()
        // object-fit: contain draws the picture at its own aspect, centred in the img box
        const scale = Math.min(r.width / img.naturalWidth, r.height / img.naturalHeight)
        const w = img.naturalWidth * scale
        const h = img.naturalHeight * scale
        const left = r.left + (r.width - w) / 2
        const top = r.top + (r.height - h) / 2
        return { w, h, inside: left >= b.left - 0.5 && top >= b.top - 0.5 && left + w <= b.right + 0.5 && top + h <= b.bottom + 0.5 }
      })
      console.log(
        `${vp.width}x${vp.height}: thumbnail drawn ${drawn.w.toFixed(1)}x${drawn.h.toFixed(1)} (aspect ${(drawn.w / drawn.h).toFixed(3)}, image ${aspect.toFixed(3)}), inside its cell ${drawn.inside}`,
      )
      expect(drawn.inside).toBe(true)
      expect(Math.abs(drawn.w / drawn.h - aspect) / aspect).toBeLessThan(0.02)
    }
    await gallery.search.fill('')
    await expect(firstCell.locator('img')).toBeVisible()

    if (SHOTS) {
      for (const scheme of ['dark', 'light'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        await page.screenshot({ path: `${SHOTS}/workspace-${vp.width}x${vp.height}-${scheme}.png` })
      }
      await page.emulateMedia({ colorScheme: null })
    }
  }

  // 100%: the portrait on the stage at one image pixel per device pixel.
  await page.setViewportSize(VIEWPORTS[0])
  await gallery.search.fill(portrait)
  await gallery.cell(portrait).click()
  await stage.getByRole('button', { name: '100%' }).click()
  const zoomed = stage.getByRole('img', { name: `On stage: ${portrait}` })
  await expect.poll(() => zoomed.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true)
  const px = await zoomed.evaluate((el: HTMLImageElement) => ({
    drawnW: el.getBoundingClientRect().width * devicePixelRatio,
    drawnH: el.getBoundingClientRect().height * devicePixelRatio,
    naturalW: el.naturalWidth,
    naturalH: el.naturalHeight,
  }))
  console.log(`100% zoom: drawn ${px.drawnW}x${px.drawnH} device px for a ${px.naturalW}x${px.naturalH} image`)
  expect(px).toEqual({ drawnW: 928, drawnH: 1664, naturalW: 928, naturalH: 1664 })
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/workspace-zoom-100.png` })
})
