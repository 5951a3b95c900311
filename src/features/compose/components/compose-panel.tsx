import type { FormEvent } from 'react'
import { useCreateTask } from '../../jobs/api/create-task.ts'
import { useComposeStore } from '../compose-store.ts'
import { AspectRatioPicker } from './aspect-ratio-picker.tsx'

export function ComposePanel() {
  const { model, prompt, size, setPrompt, setSize } = useComposeStore()
  const create = useCreateTask()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!prompt.trim()) return
    create.mutate({ model, input: { prompt }, parameters: { size, n: 1 } })
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Compose">
      <label className="flex flex-col gap-1">
        <span className="text-xs font-medium uppercase tracking-wide text-zinc-400">Prompt</span>
        <textarea
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          rows={6}
          className="rounded-lg border border-zinc-700 bg-zinc-900 p-3 text-sm outline-none focus:border-violet-400"
          placeholder='A poster with the title "Summer Sale" in bold letters'
        />
      </label>
      <AspectRatioPicker value={size} onChange={setSize} />
      <button
        type="submit"
        disabled={!prompt.trim() || create.isPending}
        className="rounded-lg bg-violet-600 px-4 py-2 font-semibold text-white hover:bg-violet-500 disabled:opacity-50"
      >
        Generate
      </button>
      {create.error && <p role="alert" className="text-sm text-red-300">{create.error.message}</p>}
    </form>
  )
}
