import { useState } from 'react'
import { useDropzone } from 'react-dropzone'

interface Props {
  disabled: boolean
  onFiles: (files: File[]) => void
  onUrl: (url: string) => void
}

/**
 * Drop, pick, or paste images (paste is handled by the panel), or give a public URL. Drops here stay
 * here: a file dropped elsewhere on the panel restores its parameters instead.
 */
export function InputDropzone({ disabled, onFiles, onUrl }: Props) {
  const [url, setUrl] = useState('')
  const add = () => {
    if (url.trim()) onUrl(url.trim())
    setUrl('')
  }
  const { getRootProps, getInputProps, isDragActive } = useDropzone({ onDrop: onFiles, disabled, noKeyboard: false, noDragEventsBubbling: true })
  return (
    <div className="flex flex-col gap-2">
      <div
        {...getRootProps({
          'aria-label': 'Input images drop zone',
          className: `flex min-h-24 cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed p-4 text-center text-sm transition ${
            isDragActive ? 'border-violet-400 bg-violet-500/10' : 'border-zinc-700 text-zinc-400 hover:border-zinc-500'
          } ${disabled ? 'opacity-50' : ''}`,
        })}
      >
        <input {...getInputProps({ 'aria-label': 'Add input images' })} />
        <p>{disabled ? 'Three images is the most an edit takes' : 'Drop up to 3 images, click to pick, or paste'}</p>
        <p className="text-xs text-zinc-500">JPG, PNG, BMP, TIFF, WEBP · 384-3072 px · up to 10 MB</p>
      </div>
      <div className="flex gap-2">
        <input
          aria-label="Image URL"
          placeholder="https://… (a public image URL)"
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
        <button type="button" onClick={add} disabled={disabled || !url.trim()} className="rounded-lg border border-zinc-700 px-3 text-sm disabled:opacity-40">
          Add URL
        </button>
      </div>
    </div>
  )
}
