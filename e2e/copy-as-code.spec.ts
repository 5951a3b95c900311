import { createHash } from 'node:crypto'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { expect, test } from './fixtures/test.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { stamp } from './fixtures/interop.ts'
import { StudioPage } from './fixtures/studio-page.ts'

const run = promisify(execFile)

test('copy as code: the curl text, run against the simulator with its key, makes the same image byte for byte (and so does the fetch code)', async ({
  page,
  baseURL,
}) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompt = `A tin robot's "Hello" sign, 你好 (${stamp()})`
  await studio.page.getByLabel('Negative prompt', { exact: true }).fill('blurry')
  await gallery.generate(studio, prompt, '4:3')
  const stored = await gallery.stored()
  const [record] = stored.records
  const kept = stored.images[record!.id]!

  await gallery.open(prompt)
  await gallery.dialog.getByText('Copy as code').click()
  const codeOf = async (tab: string) => {
    await gallery.dialog.getByRole('tab', { name: tab }).click()
    const pre = gallery.dialog.getByLabel(`${tab} code`)
    await expect(pre).toContainText('DASHSCOPE_API_KEY')
    return (await pre.textContent())!
  }
  const curl = await codeOf('curl')
  expect(curl).toContain('https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text2image/image-synthesis')
  const simulator = `${baseURL}/simulator/api/v1`
  const env = { ...process.env, DASHSCOPE_API_KEY: 'sim-local-key' }
  const [create, poll] = curl.replaceAll('https://dashscope-intl.aliyuncs.com/api/v1', simulator).split('\n\n')
  const created = JSON.parse((await run('bash', ['-c', `${create} --silent --show-error`], { env })).stdout) as {
    output: { task_id: string }
  }
  let task: { output: { task_status: string; results?: { url: string }[] } }
  do {
    await page.waitForTimeout(300)
    task = JSON.parse(
      (await run('bash', ['-c', `${poll} --silent --show-error`], { env: { ...env, TASK_ID: created.output.task_id } })).stdout,
    ) as typeof task
  } while (['PENDING', 'RUNNING'].includes(task.output.task_status))
  expect(task.output.task_status).toBe('SUCCEEDED')
  const sha = async (url: string) =>
    createHash('sha256')
      .update(new Uint8Array(await (await fetch(url)).arrayBuffer()))
      .digest('hex')
  const fromCurl = await sha(task.output.results![0]!.url)
  console.log(`curl: task ${created.output.task_id}, image sha256 ${fromCurl.slice(0, 16)}…, kept ${kept.slice(0, 16)}…`)
  expect(fromCurl).toBe(kept)

  const js = (await codeOf('JavaScript'))
    .replaceAll('https://dashscope-intl.aliyuncs.com/api/v1', simulator)
    .replace('setTimeout(resolve, 2000)', 'setTimeout(resolve, 200)')
  const url = (await run(process.execPath, ['--input-type=module', '-e', js], { env })).stdout.trim()
  const fromFetch = await sha(url)
  console.log(`fetch: image sha256 ${fromFetch.slice(0, 16)}…`)
  expect(fromFetch).toBe(kept)
  expect(await codeOf('Python')).toContain('dashscope.base_http_api_url = "https://dashscope-intl.aliyuncs.com/api/v1"')
})
