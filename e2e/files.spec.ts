import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { strFromU8, unzipSync } from 'fflate'
import { expect, test } from './fixtures/test.ts'
import { pythonPngHeadText, readPngHeadText } from '../src/testing/png-head-text.ts'
import { GalleryPage } from './fixtures/gallery-page.ts'
import { composePanel, download, dropFile, editOnce, restoreMessage, stamp } from './fixtures/interop.ts'
import { StudioPage } from './fixtures/studio-page.ts'

test('every kind of downloaded PNG carries both text chunks before the first IDAT (stdlib readers in Node and Python)', async ({
  page,
}, testInfo) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const latin = `A red fox in the snow, "Head first" (${stamp()})`
  const chinese = `一张海报，标题是“开业大吉” (${stamp()})`
  const instruction = `Make the sky purple (${stamp()})`
  await gallery.generate(studio, latin, '16:9')
  await gallery.generate(studio, chinese, '3:4')
  await editOnce(page, instruction)
  await gallery.expectThumbnail(instruction)

  for (const [kind, prompt] of [
    ['t2i', latin],
    ['t2i', chinese],
    ['edit', instruction],
  ] as const) {
    const { file, bytes } = await download(page, gallery, prompt, testInfo, `${kind}-${prompt.length}.png`)
    const head = readPngHeadText(bytes)
    const python = pythonPngHeadText(file)
    console.log(
      `${kind} "${prompt.slice(0, 24)}…": ${bytes.length} B, chunks up to the first IDAT ${head.chunks.join(',')}; keywords: node [${Object.keys(head.texts).join(', ')}], python [${Object.keys(python).join(', ')}]`,
    )
    expect(head.chunks.at(-1)).toBe('IDAT')
    expect(python).toEqual(head.texts)
    expect(JSON.parse(head.texts['qwen-image-studio']!)).toMatchObject({ prompt, kind })
    expect(head.texts['parameters']!.split('\n')[0]).toBe(prompt)
    expect(head.texts['parameters']).toMatch(/Seed: \d+, Size: \d+x\d+, Model: qwen-image/)
  }
})

test('zip export: stamped PNGs under readable names; each one alone restores its parameters; bare links and kept-bytes hashes in the manifest', async ({
  page,
}, testInfo) => {
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompts = [`A lighthouse at dusk, "Zip A" (${stamp()})`, `一只猫在窗台上 "Zip B" (${stamp()})`]
  await gallery.generate(studio, prompts[0]!, '16:9')
  await gallery.generate(studio, prompts[1]!, '9:16')
  const stored = await gallery.stored()

  const [event] = await Promise.all([page.waitForEvent('download'), gallery.exportButton.click()])
  const zipFile = testInfo.outputPath('gallery.zip')
  await event.saveAs(zipFile)
  const files = unzipSync(new Uint8Array(await readFile(zipFile)))
  const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as {
    records: { id: string; prompt: string; seed: number; remoteUrl?: string }[]
    files: Record<string, { image: string; sha256: string; stamped: boolean }>
  }
  // names as another tool lists them (Python's zipfile honours the UTF-8 flag)
  const listed = JSON.parse(
    execFileSync('python3', ['-c', 'import json,sys,zipfile; print(json.dumps(zipfile.ZipFile(sys.argv[1]).namelist()))', zipFile], {
      encoding: 'utf8',
    }),
  ) as string[]
  expect(listed.sort()).toEqual(Object.keys(files).sort())

  for (const record of manifest.records) {
    const entry = manifest.files[record.id]!
    const bytes = files[entry.image]!
    console.log(`zip: ${entry.image} ${bytes.length} B, sha256 of kept bytes ${entry.sha256.slice(0, 12)}…, link ${record.remoteUrl}`)
    expect(entry.image).toMatch(new RegExp(`^images/\\d{4}-\\d{2}-\\d{2}_${record.seed}_[^/]+\\.png$`))
    expect(entry.sha256).toBe(stored.images[record.id])
    expect(createHash('sha256').update(bytes).digest('hex')).not.toBe(entry.sha256) // stamped, not as kept
    expect(record.remoteUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/simulator\/results\/[^?]+\.png$/)
    expect(readPngHeadText(bytes).texts['parameters']?.split('\n')[0]).toBe(record.prompt)

    // taken out of the zip alone and given to the studio: its parameters come back
    const alone = testInfo.outputPath(entry.image.split('/')[1]!)
    await writeFile(alone, bytes)
    await studio.prompt.fill('something else')
    await page.getByLabel('Seed', { exact: true }).fill('7')
    await gallery.importInput.setInputFiles(alone)
    await expect(studio.prompt).toHaveValue(record.prompt)
    await expect(page.getByLabel('Seed', { exact: true })).toHaveValue(String(record.seed))
  }
  expect(new Set(Object.values(manifest.files).map((f) => f.image)).size).toBe(2)
})

test('JPEG and WebP downloads at a chosen quality carry the parameters in XMP; copy image puts a PNG on the clipboard', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const studio = new StudioPage(page)
  const gallery = new GalleryPage(page)
  await studio.open()
  const prompt = `A lantern festival "Night" <1 & 2> 灯会 (${stamp()})`
  await gallery.generate(studio, prompt, '16:9')
  const [record] = (await gallery.stored()).records

  const saveAs = async (format: string, quality?: number) => {
    await gallery.open(prompt)
    await gallery.dialog.getByLabel('Download format').selectOption(format)
    if (quality !== undefined) await gallery.dialog.getByLabel('Quality').fill(String(quality))
    const [event] = await Promise.all([
      page.waitForEvent('download'),
      gallery.dialog.getByRole('button', { name: 'Download', exact: true }).click(),
    ])
    const file = testInfo.outputPath(`${format}-${quality}-${event.suggestedFilename()}`)
    await event.saveAs(file)
    await gallery.dialog.getByRole('button', { name: 'Close' }).click()
    return { file, name: event.suggestedFilename(), bytes: new Uint8Array(await readFile(file)) }
  }

  const sizes: Record<string, number> = {}
  for (const [format, magic, ext] of [
    ['jpeg', 'ffd8ff', 'jpg'],
    ['webp', '52494646', 'webp'],
  ] as const) {
    const low = await saveAs(format, 40)
    const high = await saveAs(format, 95)
    for (const { bytes, name } of [low, high]) {
      expect(Buffer.from(bytes.subarray(0, magic.length / 2)).toString('hex')).toBe(magic)
      expect(name).toMatch(new RegExp(`-${record!.seed}\\.${ext}$`))
      // the XMP, found in the bytes as any XMP reader finds it: the packet, dc:description and the studio JSON
      const text = Buffer.from(bytes).toString('utf8')
      const packet = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(text)?.[0]
      expect(packet).toBeDefined()
      const description = /<dc:description><rdf:Alt><rdf:li xml:lang="x-default">([^<]*)</.exec(packet!)?.[1]
      expect(description).toContain('A lantern festival &quot;Night&quot; &lt;1 &amp; 2&gt; 灯会')
      expect(description).toContain(`Seed: ${record!.seed}, Size: 1664x928, Model: qwen-image-plus`)
      const json = /<qis:parameters>([^<]*)</
        .exec(packet!)?.[1]
        ?.replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
      expect(JSON.parse(json!)).toMatchObject({ prompt, seed: record!.seed, model: 'qwen-image-plus', size: '1664*928' })
    }
    if (format === 'webp') expect(Buffer.from(low.bytes.subarray(12, 16)).toString('latin1')).toBe('VP8X')
    // Chromium decodes what was written, at full size
    const decoded = await page.evaluate(
      async ({ b64, type }) => {
        const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type }))
        return { width: bitmap.width, height: bitmap.height }
      },
      { b64: Buffer.from(high.bytes).toString('base64'), type: `image/${format}` },
    )
    expect(decoded).toEqual({ width: 1664, height: 928 })
    sizes[`${format} q40`] = low.bytes.length
    sizes[`${format} q95`] = high.bytes.length
    expect(high.bytes.length).toBeGreaterThan(low.bytes.length)

    // dropped back on the compose panel, it restores its parameters
    await studio.prompt.fill('something else')
    await dropFile(page, composePanel(page), high.bytes, high.name)
    await expect(restoreMessage(page)).toContainText(`Restored from ${high.name} into the text-to-image form`)
    await expect(studio.prompt).toHaveValue(prompt)
  }
  console.log(`bytes: ${JSON.stringify(sizes)}`)

  await gallery.open(prompt)
  await gallery.dialog.getByRole('button', { name: 'Copy image' }).click()
  await expect(page.getByText('Image copied.')).toBeVisible()
  const clip = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read()
    const blob = await item!.getType('image/png')
    const bitmap = await createImageBitmap(blob)
    return { types: item!.types, bytes: blob.size, width: bitmap.width, height: bitmap.height }
  })
  console.log(`clipboard: ${JSON.stringify(clip)}`)
  expect(clip).toMatchObject({ types: ['image/png'], width: 1664, height: 928 })
})
