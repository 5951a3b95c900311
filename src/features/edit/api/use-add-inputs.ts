import { t } from '@lingui/core/macro'
import { useState } from 'react'
import type { Region } from '../../../shared/models.ts'
import { LIMITS } from '../../../shared/limits.ts'
import { useEditStore } from '../edit-store.ts'
import { inspectImageFile, type Inspection } from '../inspect-file.ts'
import { sizeFix } from '../image-fit.ts'
import { reencodeToFit, resizeImage } from '../transform-image.ts'
import { keepInput } from './input-images.ts'

export interface PendingFix {
  key: string
  file: Blob
  inspection: Inspection
}

function loadUrlSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight })
    img.onerror = () => reject(new Error(t`The image at ${url} cannot be loaded; check that it is a public image URL.`))
    img.src = url
  })
}

/** Adding inputs: each file is judged, kept at once when it passes, or held with a fix on offer. */
export function useAddInputs(region: Region) {
  const addInputs = useEditStore((s) => s.addInputs)
  const [errors, setErrors] = useState<string[]>([])
  const [fixes, setFixes] = useState<PendingFix[]>([])
  const [busy, setBusy] = useState<string | null>(null)

  const room = () => LIMITS.editImagesMax - useEditStore.getState().inputs.length

  const addFiles = async (files: Blob[], names: string[]) => {
    const problems: string[] = []
    for (const [i, file] of files.entries()) {
      const name = names[i] ?? 'pasted image'
      if (room() <= 0) {
        const max = LIMITS.editImagesMax
        problems.push(t`At most ${max} input images: “${name}” was not added.`)
        continue
      }
      const result = await inspectImageFile(file, name)
      if (!result.ok) {
        problems.push(result.error)
        continue
      }
      if (result.inspection.problem) {
        setFixes((f) => [...f, { key: crypto.randomUUID(), file, inspection: result.inspection }])
        continue
      }
      addInputs([{ kind: 'stored', id: await keepInput(file, result.inspection, region) }])
    }
    setErrors(problems)
  }

  const applyFix = async (fix: PendingFix) => {
    setBusy(fix.key)
    try {
      const plan = sizeFix(fix.inspection.facts)
      const fixed =
        plan.kind === 'downscale' || plan.kind === 'upscale' ? await resizeImage(fix.file, plan.to) : await reencodeToFit(fix.file)
      const again = await inspectImageFile(fixed, fix.inspection.name)
      if (!again.ok || again.inspection.problem) {
        setErrors([again.ok ? (again.inspection.problem ?? '') : again.error])
        return
      }
      addInputs([{ kind: 'stored', id: await keepInput(fixed, again.inspection, region) }])
      setFixes((f) => f.filter((x) => x.key !== fix.key))
    } catch (e) {
      setErrors([e instanceof Error ? e.message : String(e)])
    } finally {
      setBusy(null)
    }
  }

  const addUrl = async (url: string) => {
    if (!/^https?:\/\//i.test(url)) return setErrors([t`An image URL must start with http:// or https://.`])
    const max = LIMITS.editImagesMax
    if (room() <= 0) return setErrors([t`At most ${max} input images.`])
    try {
      const size = await loadUrlSize(url)
      const plan = sizeFix(size)
      if (plan.kind !== 'none')
        return setErrors([
          t`The image at that URL is ${size.width}×${size.height} px; width and height must each be between ${LIMITS.editImageMinPx} and ${LIMITS.editImageMaxPx} px. Download it and add the file to fix it.`,
        ])
      addInputs([{ kind: 'url', url, ...size }])
      setErrors([])
    } catch (e) {
      setErrors([e instanceof Error ? e.message : String(e)])
    }
  }

  const discard = (key: string) => setFixes((f) => f.filter((x) => x.key !== key))

  return { errors, fixes, busy, addFiles, addUrl, applyFix, discard }
}
