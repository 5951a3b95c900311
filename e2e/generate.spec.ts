import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('type a prompt, pick 16:9, generate: a 1664x928 image appears, without any key', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await expect(page.getByRole('note')).toContainText('Simulator mode')

  const prompt = `A neon poster with the title "Grand Opening" (${Date.now()})`
  await studio.prompt.fill(prompt)
  await studio.pickAspectRatio('16:9')
  await studio.generate.click()

  expect(await studio.naturalSize(prompt)).toEqual({ width: 1664, height: 928 })
  await page.screenshot({ path: 'reports/screenshots/generate.png', fullPage: true })
})
