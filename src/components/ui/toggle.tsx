interface Props {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  hint?: string
}

/** A labelled switch (a checkbox with role="switch"). */
export function Toggle({ label, checked, onChange, hint }: Props) {
  return (
    <label className="flex cursor-pointer items-start justify-between gap-3 text-sm">
      <span className="flex flex-col">
        <span className="text-zinc-200">{label}</span>
        {hint && <span className="text-xs text-zinc-500">{hint}</span>}
      </span>
      <input
        type="checkbox"
        role="switch"
        aria-label={label}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="peer sr-only"
      />
      <span
        aria-hidden
        className={`mt-0.5 inline-flex h-5 w-9 shrink-0 items-center rounded-full p-0.5 transition peer-focus-visible:ring-2 peer-focus-visible:ring-violet-400 ${
          checked ? 'bg-violet-500' : 'bg-zinc-700'
        }`}
      >
        <span className={`h-4 w-4 rounded-full bg-white transition ${checked ? 'translate-x-4' : ''}`} />
      </span>
    </label>
  )
}
