import { useStudioMode } from './studio-mode-store.ts'

export function ModeTabs() {
  const { mode, setMode } = useStudioMode()
  return (
    <div role="tablist" aria-label="Mode" className="grid grid-cols-2 rounded-lg bg-zinc-900 p-1 text-sm">
      {(['generate', 'edit'] as const).map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={mode === m}
          onClick={() => setMode(m)}
          className={`rounded-md py-1.5 font-medium ${mode === m ? 'bg-zinc-700 text-white' : 'text-zinc-400 hover:text-zinc-200'}`}
        >
          {m === 'generate' ? 'Text to image' : 'Edit images'}
        </button>
      ))}
    </div>
  )
}
