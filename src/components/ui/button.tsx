import type { ButtonHTMLAttributes } from 'react'

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger'

const STYLES: Record<Variant, string> = {
  primary: 'bg-violet-600 text-white hover:bg-violet-500',
  secondary: 'border border-zinc-700 bg-zinc-800 text-zinc-100 hover:border-zinc-500',
  ghost: 'text-zinc-300 hover:bg-zinc-800',
  danger: 'border border-red-800 bg-red-950 text-red-200 hover:bg-red-900',
}

export function Button({
  variant = 'secondary',
  className = '',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      type="button"
      {...props}
      className={`rounded-lg px-3 py-1.5 text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-violet-400 disabled:cursor-not-allowed disabled:opacity-50 ${STYLES[variant]} ${className}`}
    />
  )
}
