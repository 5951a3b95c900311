import { useRef, useState } from 'react'
import { useFileDrop } from '../../../lib/use-file-drop.ts'
import { acceptedFormatsText } from '../../../lib/i18n/accepted-formats.ts'
import { EDIT_IMAGE_FORMATS, LIMITS } from '../../../shared/limits.ts'
import { Trans, useLingui } from '@lingui/react/macro'

interface Props {
  disabled: boolean
  onFiles: (files: File[]) => void
  onUrl: (url: string) => void
}

const ACCEPT = EDIT_IMAGE_FORMATS.flatMap((f) => [f.mime, ...f.extensions.map((e) => `.${e}`)]).join(',')

/**
 * Drop, pick, or paste images (paste is handled by the panel), or give a public URL. Drops here stay
 * here: a file dropped elsewhere on the panel restores its parameters instead.
 */
export function InputDropzone({ disabled, onFiles, onUrl }: Props) {
  const { t } = useLingui()
  const [url, setUrl] = useState('')
  const add = () => {
    if (url.trim()) onUrl(url.trim())
    setUrl('')
  }
  const picker = useRef<HTMLInputElement>(null)
  const drop = useFileDrop((files) => !disabled && onFiles(files), { contain: true })
  const pick = () => !disabled && picker.current?.click()
  return (
    <div className="flex flex-col gap-2">
      <div
        role="button"
        tabIndex={disabled ? -1 : 0}
        aria-label={t`Input images drop zone`}
        aria-disabled={disabled}
        onClick={pick}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault()
            pick()
          }
        }}
        {...drop.handlers}
        className={`flex min-h-24 cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed p-4 text-center text-sm transition ${
          drop.over ? 'border-violet-400 bg-violet-500/10' : 'border-zinc-700 text-zinc-400 hover:border-zinc-500'
        } ${disabled ? 'opacity-50' : ''}`}
      >
        <input
          ref={picker}
          type="file"
          multiple
          accept={ACCEPT}
          hidden
          aria-label={t`Add input images`}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? [])
            e.target.value = '' // the same file can be picked again
            if (files.length) onFiles(files)
          }}
        />
        <p>{disabled ? t`Three images is the most an edit takes` : t`Drop up to 3 images, click to pick, or paste`}</p>
        <p className="text-xs text-zinc-500">
          {acceptedFormatsText()} · <span className="whitespace-nowrap">{t`${LIMITS.editImageMinPx}-${LIMITS.editImageMaxPx} px`}</span> ·{' '}
          {t`up to ${LIMITS.editImageMaxBytes / 1024 / 1024} MB`}
        </p>
      </div>
      <div className="flex gap-2">
        <input
          aria-label={t`Image URL`}
          placeholder={t`https://… (a public image URL)`}
          value={url}
          disabled={disabled}
          onChange={(e) => setUrl(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
              e.preventDefault()
              add()
            }
          }}
          className="min-w-0 flex-1 rounded-lg border border-zinc-700 bg-zinc-900 px-3 py-1.5 text-sm"
        />
        <button
          type="button"
          onClick={add}
          disabled={disabled || !url.trim()}
          className="rounded-lg border border-zinc-700 px-3 text-sm disabled:opacity-40"
        >
          <Trans>Add URL</Trans>
        </button>
      </div>
    </div>
  )
}
