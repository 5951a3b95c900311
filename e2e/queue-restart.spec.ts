import { startRedisServer } from '../scripts/redis-server.ts'
import { readStudioDB } from './fixtures/studio-db.ts'
import { standaloneSimulator, studioOn, tempDir } from './fixtures/processes.ts'
import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'

/**
 * The studio server killed (SIGKILL) mid-batch and started again on the same journal (a SQLite
 * file, or in Redis mode a real redis-server, where the killed instance's tasks are taken over
 * once its lock has expired): every job continues and lands exactly once. The upstream is a
 * standalone simulator, which outlives the studio as DashScope would; its tasks run 1.5 s (the
 * vendor's 20 s, scaled down).
 */
for (const mode of ['embedded', 'Redis'] as const)
  test(`${mode === 'Redis' ? 'Redis mode: ' : ''}kill the studio server mid-batch, start it again: all six jobs land, each sent once`, async ({
    browser,
  }) => {
    test.setTimeout(120_000)
    const redis = mode === 'Redis' ? await startRedisServer() : undefined
    const sim = await standaloneSimulator({ SIMULATOR_QUEUE_MS: '200', SIMULATOR_RUN_MS: '1500' })
    const data = tempDir('qis-restart-')
    const studio = await studioOn(sim.baseUrl, data.dir, redis ? { REDIS_URL: redis.url } : {})
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      await page.goto(studio.url)
      const ui = new StudioPage(page)
      await expect(page.getByRole('heading', { name: 'Qwen Image Studio' })).toBeVisible()
      await ui.prompt.fill('Restart mid-batch, "AGAIN"')
      await ui.chooseBatch('Seed sweep')
      await page.getByLabel('Images').fill('6')
      await ui.generate.click()
      await expect.poll(async () => (await readStudioDB(page, ['jobs'])).jobs.filter((j) => typeof j.handedAt === 'number').length).toBe(6)
      // two tasks at the vendor, four waiting in the journal: kill it now
      await expect.poll(async () => (await sim.stats()).submissions, { intervals: [20] }).toBe(2)
      await studio.process.kill()
      await studio.process.start()
      // the page stays open: its event stream reconnects and resumes
      await expect(ui.jobsWithStatus('Done')).toHaveCount(6, { timeout: 60_000 })
      const stats = await sim.stats()
      console.log(`${mode} restart: submissions ${stats.submissions}, succeeded ${stats.succeeded}, max running ${stats.maxConcurrent}`)
      expect(stats.submissions).toBe(6)
      expect(stats.succeeded).toBe(6)
      expect(stats.throttled).toBe(0)
      expect(stats.maxConcurrent).toBeLessThanOrEqual(2)
      expect((await readStudioDB(page, ['images'])).images).toHaveLength(6)
    } finally {
      await context.close()
      await studio.process.stop()
      await sim.process.stop()
      await redis?.stop()
      data.remove()
    }
  })
