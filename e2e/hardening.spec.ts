import { expect, test } from './fixtures/test.ts'
import { JobCard } from './fixtures/job-card.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('injected InternalError and Throttling on submission are retried, and the job lands', async ({ page, sim }) => {
  // The served SPA runs under its CSP (no inline script or style): nothing may be blocked.
  const blocked: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) blocked.push(m.text())
  })
  const studio = new StudioPage(page)
  await studio.open()
  const headers = (await page.request.get('/')).headers()
  expect(headers['content-security-policy']).toContain("script-src 'self'")
  expect(headers['x-frame-options']).toBe('DENY')
  await sim.injectFaults(['internal-error', 'throttling'])
  const prompt = 'A kite festival poster, "Retry"'
  await studio.prompt.fill(prompt)
  await studio.generate.click()
  await expect(studio.jobsWithStatus('Done')).toHaveCount(1, { timeout: 30_000 })
  expect(await studio.naturalSize(prompt)).toEqual({ width: 1328, height: 1328 })
  const stats = await sim.stats()
  expect(stats.submissions).toBe(1)
  expect(stats.throttled).toBe(1)
  expect(stats.succeeded).toBe(1)
  expect(blocked).toEqual([])
})

test('a task FAILED with DataInspectionFailed shows a readable message and advice', async ({ page, sim }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await sim.injectFaults(['data-inspection-failed'])
  await studio.prompt.fill('A harmless teapot')
  await studio.generate.click()
  await expect(studio.jobsWithStatus('Failed')).toHaveCount(1, { timeout: 20_000 })
  const alert = new JobCard(page, 'A harmless teapot').alert
  await expect(alert).toContainText('DataInspectionFailed')
  await expect(alert).toContainText('content was blocked')
})
