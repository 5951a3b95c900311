/** A form's error line, announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p role="alert" className="text-sm text-red-300">
      {message}
    </p>
  )
}
