import { useThumb } from '../api/image-blobs.ts'
import { ThumbImage } from './thumb-image.tsx'

/** The thumbnail of a cell that stays on screen, read through its query. */
export function LiveThumb({ id }: { id: string }) {
  return <ThumbImage url={useThumb(id).data} />
}
