import AxeBuilder from '@axe-core/playwright'
import { expect, test } from './fixtures/test.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('keyboard only: skip link, prompt, generate, look at 100%, favorite, download, the ? sheet', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  const stage = page.getByRole('region', { name: 'Stage' })
  await expect(stage).toBeVisible()

  await page.keyboard.press('Tab')
  await expect(page.getByRole('link', { name: 'Skip to the stage' })).toBeFocused()
  await page.keyboard.press('/')
  await expect(studio.prompt).toBeFocused()
  const prompt = `Keyboard poster "KEYS" (${Date.now()})`
  await page.keyboard.type(prompt)
  await page.keyboard.press('Control+Enter')

  // look: the result takes the stage by itself; 1 shows it at 100%
  const onStage = stage.getByRole('img', { name: `On stage: ${prompt}` })
  await expect(onStage).toBeVisible({ timeout: 20_000 })
  await page.keyboard.press('Escape')
  await expect(page.locator('#stage')).toBeFocused()
  await page.keyboard.press('1')
  await expect(onStage).toHaveAttribute('data-zoom', '1')
  await page.keyboard.press('0')
  await expect(onStage).toHaveAttribute('data-zoom', 'fit')

  await page.keyboard.press('f')
  await expect(stage.getByRole('button', { name: 'Favorite' })).toHaveAttribute('aria-pressed', 'true')
  await expect(new GalleryPage(page).cell(prompt).locator('..').getByText('Favorite')).toBeAttached()

  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('d')])
  console.log(`keyboard download: ${download.suggestedFilename()}`)
  expect(download.suggestedFilename()).toMatch(/\.png$/)
  await expect(page.locator('#stage')).toBeFocused() // focus stays where it was

  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toBeVisible()
  await expect(sheet.getByText('Favorite the image on the stage')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
})

test('mode tabs: one tab stop, arrow keys move between them', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  const tabs = page.getByRole('tab')
  await tabs.first().focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'Edit images' })).toBeFocused()
  await expect(page.getByRole('tab', { name: 'Edit images' })).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByRole('tab', { name: 'Text to image' })).toHaveAttribute('tabindex', '-1')
  await page.keyboard.press('ArrowLeft')
  await expect(page.getByRole('tab', { name: 'Text to image' })).toBeFocused()
})

for (const scheme of ['dark', 'light'] as const) {
  test(`axe: every view of the workspace, ${scheme} theme, has no WCAG A/AA violations`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    const studio = new StudioPage(page)
    const gallery = new GalleryPage(page)
    await studio.open()
    await gallery.generate(studio, `Axe poster "CHECK" (${Date.now()})`)
    await gallery.generate(studio, `Axe poster "AGAIN" (${Date.now()})`)
    await expect(page.locator('html')).toHaveClass(scheme)
    const stage = page.getByRole('region', { name: 'Stage' })
    const views = {
      'text to image': async () => {},
      compare: async () => {
        await stage.getByRole('button', { name: 'Compare' }).click()
        await expect(stage.getByRole('group', { name: 'Slider comparison' })).toBeVisible()
      },
      'side by side': async () => {
        await stage.getByRole('button', { name: 'Side by side' }).click()
        await expect(stage.getByRole('group', { name: 'Side by side' })).toBeVisible()
      },
      shortcuts: async () => {
        await stage.getByRole('button', { name: 'Compare' }).click()
        await stage.getByRole('button', { name: 'Keyboard shortcuts' }).click()
        await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
      },
      details: async () => {
        await page.keyboard.press('Escape')
        await stage.getByRole('button', { name: 'Details' }).click()
        await expect(page.getByRole('dialog')).toBeVisible()
      },
      edit: async () => {
        await page.keyboard.press('Escape')
        await expect(page.getByRole('dialog')).toBeHidden()
        await page.getByRole('tab', { name: 'Edit images' }).click()
      },
    }
    for (const [view, open] of Object.entries(views)) {
      await open()
      const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
      const summary = result.violations.map(
        (v) =>
          `${v.id} (${v.nodes.length}): ${v.nodes
            .slice(0, 4)
            .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`)
            .join(' | ')}`,
      )
      console.log(`axe ${scheme} ${view}: ${result.violations.length} violations${summary.length ? `\n  ${summary.join('\n  ')}` : ''}`)
      expect(result.violations).toEqual([])
    }
  })
}
