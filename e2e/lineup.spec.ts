/**
 * Issue 12 acceptance: the 2026 models in the real studio (built SPA + gateway + embedded
 * simulator, SIMULATOR_MINUTE_MS=8000) in Chromium. Each test prints its figures.
 */
import type { Page } from '@playwright/test'
import { ossPostFields } from '../src/testing/oss-upload.ts'
import { expect, test } from './fixtures/test.ts'
import { StudioPage } from './fixtures/studio-page.ts'
import { pngBytes } from '../src/testing/image-bytes.ts'

const MINUTE_MS = 8000

async function pickModel(page: Page, model: string, form: 'Compose' | 'Edit' = 'Compose') {
  await page.getByRole('form', { name: form }).getByRole('combobox', { name: 'Model' }).selectOption(model)
}

/** Jobs in the studio's IndexedDB, read in the page. */
function storedJobs(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        {
          id: string
          status: string
          submittedAt?: number
          request: { model: string; input: { messages?: { content: { text?: string }[] }[] } }
          imageIds: string[]
        }[]
      >((resolve, reject) => {
        const open = indexedDB.open('qwen-image-studio')
        open.onerror = () => reject(new Error(String(open.error)))
        open.onsuccess = () => {
          const req = open.result.transaction('jobs').objectStore('jobs').getAll()
          req.onsuccess = () => resolve(req.result as never)
          req.onerror = () => reject(new Error(String(req.error)))
        }
      }),
  )
}

const job = (page: Page, prompt: string) => page.getByRole('article', { name: `Job ${prompt}` })

async function imageSizes(page: Page, prompt: string, count: number) {
  const images = job(page, prompt).getByRole('img', { name: prompt })
  await expect(images).toHaveCount(count, { timeout: 20_000 })
  const sizes: string[] = []
  for (let i = 0; i < count; i++) {
    const img = images.nth(i)
    // Read in the same look that finds it loaded: the card swaps its preview for the kept copy,
    // and between two looks the new source may not have loaded yet (0x0).
    const size = () =>
      img.evaluate((el: HTMLImageElement) => (el.complete && el.naturalWidth > 0 ? `${el.naturalWidth}x${el.naturalHeight}` : ''))
    let read = ''
    await expect.poll(async () => (read = await size())).not.toBe('')
    sizes.push(read)
  }
  return sizes
}

test('qwen-image-2.0-pro: text to image at 2048*872 (21:9) and at a typed size, both snapped to 16 as shown before sending', async ({
  page,
}) => {
  const studio = new StudioPage(page)
  await studio.open()
  await pickModel(page, 'qwen-image-2.0-pro')
  await expect(page.getByTestId('prompt-counter')).toHaveText('0/1300 tokens')

  await page.getByRole('button', { name: '21:9 2048×872' }).click()
  await expect(page.getByLabel('Output size')).toHaveText('Makes 2048×864 (snapped to multiples of 16)')
  const wide = `A 21:9 banner "WIDE" (${Date.now()})`
  await studio.prompt.fill(wide)
  await expect(page.getByLabel('Cost')).toHaveText('1 image · $0.075')
  await studio.generate.click()
  const [wideSize] = await imageSizes(page, wide, 1)

  await page.getByRole('checkbox', { name: 'Lock ratio' }).uncheck()
  await page.getByRole('spinbutton', { name: 'Width' }).fill('1000')
  await page.getByRole('spinbutton', { name: 'Height' }).fill('1400')
  await expect(page.getByLabel('Output size')).toHaveText('Makes 992×1392 (snapped to multiples of 16)')
  const typed = `A typed size poster (${Date.now()})`
  await studio.prompt.fill(typed)
  await studio.generate.click()
  const [typedSize] = await imageSizes(page, typed, 1)
  await page.screenshot({ path: 'reports/screenshots/lineup-size-picker.png', fullPage: true })
  console.log(`2.0-pro 2048*872 -> ${wideSize}; typed 1000x1400 -> ${typedSize}`)
  expect([wideSize, typedSize]).toEqual(['2048x864', '992x1392'])
})

test('qwen-image-2.0 from text to image with n=4: four images, the cost of four shown before sending', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await pickModel(page, 'qwen-image-2.0')
  await page.getByRole('button', { name: '1:1 1024×1024' }).click()
  await page.getByRole('spinbutton', { name: 'Images per request' }).fill('4')
  const prompt = `Four takes on a "CAFE" sign (${Date.now()})`
  await studio.prompt.fill(prompt)
  const cost = await page.getByLabel('Cost').textContent()
  expect(cost).toBe('4 images · $0.14')
  await studio.generate.click()
  const sizes = await imageSizes(page, prompt, 4)
  await expect(job(page, prompt).getByRole('status', { name: 'Job status' })).toHaveText('Done')
  console.log(`2.0 n=4: ${sizes.length} images (${sizes.join(', ')}), cost shown "${cost}"`)
  expect(sizes).toEqual(['1024x1024', '1024x1024', '1024x1024', '1024x1024'])
})

test('qwen-image-edit-max at a custom size: 1033x1032 is made 1040x1024', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await page.getByRole('tab', { name: 'Edit images' }).click()
  await page
    .getByLabel('Add input images')
    .setInputFiles([{ name: 'room.png', mimeType: 'image/png', buffer: Buffer.from(pngBytes(800, 600, 90)) }])
  await pickModel(page, 'qwen-image-edit-max', 'Edit')
  await expect(page.getByLabel('Output size')).toHaveText('Follows the last input’s ratio: about 1184×880')
  await page.getByRole('radio', { name: 'Custom' }).check()
  await page.getByRole('checkbox', { name: 'Lock ratio' }).uncheck()
  await page.getByRole('spinbutton', { name: 'Width' }).fill('1033')
  await page.getByRole('spinbutton', { name: 'Height' }).fill('1032')
  await expect(page.getByLabel('Output size')).toHaveText('Makes 1040×1024 (snapped to multiples of 16)')
  const prompt = `Paint the walls teal (${Date.now()})`
  await page.getByRole('textbox', { name: 'Instruction' }).fill(prompt)
  await expect(page.getByLabel('Edit cost')).toHaveText('1 image · $0.075')
  await page.getByRole('button', { name: 'Edit', exact: true }).click()
  const [size] = await imageSizes(page, prompt, 1)
  console.log(`edit-max custom 1033x1032 -> ${size}`)
  expect(size).toBe('1040x1024')
})

test('qwen-image-max: 2 a minute, the queue waits (and says so) instead of being refused', async ({ page, sim }) => {
  test.setTimeout(60_000)
  const studio = new StudioPage(page)
  await studio.open()
  await pickModel(page, 'qwen-image-max')
  await studio.chooseBatch('Seed sweep')
  await page.getByRole('spinbutton', { name: 'Images' }).fill('3')
  const prompt = `Max poster "ONE MINUTE" (${Date.now()})`
  await studio.prompt.fill(prompt)
  await expect(page.getByLabel('Cost')).toHaveText('3 images · $0.225')
  await studio.generate.click()

  const wait = page.getByLabel('Rate limit wait')
  await expect(wait).toBeVisible({ timeout: 10_000 })
  const waitText = await wait.textContent()
  await page.screenshot({ path: 'reports/screenshots/lineup-rate-wait.png', fullPage: true })
  expect(waitText).toMatch(/^Waiting for qwen-image-max’s limit \(2 per minute\): sends in \d+ s$/)
  await expect(studio.jobsWithStatus('Done')).toHaveCount(3, { timeout: 30_000 })

  const jobs = (await storedJobs(page)).filter((j) => j.request.input.messages?.[0]?.content.some((c) => c.text === prompt))
  const sent = jobs.map((j) => j.submittedAt!).sort((a, b) => a - b)
  const offsets = sent.map((t) => t - sent[0]!)
  const stats = await sim.stats()
  console.log(
    `max 2/min (minute = ${MINUTE_MS} ms): send offsets ${offsets.join(', ')} ms; queue said "${waitText}"; simulator refusals ${stats.throttled}`,
  )
  expect(offsets).toHaveLength(3)
  expect(offsets[2]!).toBeGreaterThanOrEqual(MINUTE_MS - 50)
  expect(stats.throttled).toBe(0)
})

test('qwen-image-3.0-pro without preview access: a readable Model.AccessDenied with what to do', async ({ page }) => {
  const studio = new StudioPage(page)
  await studio.open()
  await pickModel(page, 'qwen-image-3.0-pro')
  await expect(page.getByLabel('Price and limits')).toContainText('limited preview: apply for access in the Model Gallery first')
  const prompt = `A preview poster (${Date.now()})`
  await studio.prompt.fill(prompt)
  await studio.generate.click()
  const card = job(page, prompt)
  await expect(card.getByRole('status', { name: 'Job status' })).toHaveText('Failed', { timeout: 15_000 })
  const alert = card.getByRole('alert')
  await expect(alert).toContainText('Model.AccessDenied: Model access denied. qwen-image-3.0-pro is in limited preview.')
  await expect(alert).toContainText('apply for it on the model’s page in the Model Gallery')
  console.log(`preview model error: ${(await alert.textContent())?.replace(/\s+/g, ' ')}`)
})

test('temporary upload through the studio: getPolicy, POST to upload_host, then an oss:// edit with the resolve header', async ({
  request,
}) => {
  const policy = await request.get('/api/v1/uploads?action=getPolicy&model=qwen-image-edit-plus')
  expect(policy.status()).toBe(200)
  const data = ((await policy.json()) as { data: Record<string, string> }).data
  const key = `${data.upload_dir}/street.png`
  const posted = await request.post(data.upload_host!, {
    multipart: {
      ...ossPostFields(data, key),
      file: { name: 'street.png', mimeType: 'image/png', buffer: Buffer.from(pngBytes(900, 600, 120)) },
    },
  })
  expect(posted.status()).toBe(200)
  const body = {
    model: 'qwen-image-edit-plus',
    input: { messages: [{ role: 'user', content: [{ image: `oss://${key}` }, { text: 'Add rain' }] }] },
    parameters: { n: 2 },
  }
  const url = '/api/v1/services/aigc/multimodal-generation/generation'
  const refused = await request.post(url, { data: body })
  expect(refused.status()).toBe(400)
  const done = await request.post(url, { data: body, headers: { 'X-DashScope-OssResourceResolve': 'enable' } })
  expect(done.status(), await done.text()).toBe(200)
  const reply = (await done.json()) as {
    output: { choices: { message: { content: { image: string }[] } }[] }
    usage: { width: number; height: number; image_count: number }
  }
  const links = reply.output.choices[0]!.message.content.map((c) => c.image)
  const image = await request.get(`/api/image?url=${encodeURIComponent(links[0]!)}`)
  const bytes = await image.body()
  const size = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  console.log(
    `upload: ${data.upload_host} key ${key}; without header ${refused.status()}; with header ${links.length} images, usage ${reply.usage.width}x${reply.usage.height}, PNG ${size.width}x${size.height}`,
  )
  expect(size).toEqual({ width: 1248, height: 832 })
})
