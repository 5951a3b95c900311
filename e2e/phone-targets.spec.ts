import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test.use({ viewport: { width: 390, height: 844 } })

test('on a phone every control a finger uses is at least 44 px high (icon buttons 44 px wide)', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await studio.prompt.fill(`A poster "THUMBS" (${Date.now()})`)
  await studio.generate.click()
  await expect(page.getByRole('region', { name: 'Stage' }).getByRole('img', { name: /^On stage: / })).toBeVisible({ timeout: 20_000 })
  const small = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button, a[href], select, textarea, [role=tab], label:has(> input[type=radio]), input:not([type=radio]):not([type=file])',
      ),
    ]
      .filter((el) => {
        const r = el.getBoundingClientRect()
        // Drawn controls only: not visually hidden inputs behind their drawn shapes, not the skip link until focused.
        if (r.width <= 2 || r.height <= 2 || getComputedStyle(el).visibility === 'hidden' || el.closest('.sr-only')) return false
        // A gallery cell's checkbox is for a mouse; on a touch screen the cell itself (and its selection) is the target.
        if (el instanceof HTMLInputElement && el.type === 'checkbox' && el.tabIndex === -1) return false
        return r.height < 43.5 || (el.tagName === 'BUTTON' && r.width < 43.5)
      })
      .map((el) => {
        const r = el.getBoundingClientRect()
        return `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`
      }),
  )
  console.log(`phone targets under 44 px: ${small.length ? small.join('; ') : 'none'}`)
  expect(small).toEqual([])
})
