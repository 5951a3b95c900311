import { useChildImages } from '../../../lib/image-data.ts'
import { useLingui } from '@lingui/react/macro'

/** The edits made from this image, each a link to its detail. */
export function ImageChildren({ id, onOpen, className }: { id: string; onOpen: (id: string) => void; className: string }) {
  const { t } = useLingui()
  const children = useChildImages(id).data ?? []
  if (children.length === 0) return null
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs">
      <span className="text-zinc-500">{t`Used in`}</span>
      {children.map((child, i) => (
        <button key={child} type="button" className={className} onClick={() => onOpen(child)}>
          {t`Edit ${i + 1}`}
        </button>
      ))}
    </div>
  )
}
