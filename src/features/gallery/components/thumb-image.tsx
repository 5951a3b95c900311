import { thumbnailPainted } from '../gallery-first-paint.ts'

/** A cell's picture: its thumbnail (a data: URL), or a plain tile while there is none to show. */
export function ThumbImage({ url }: { url: string | null | undefined }) {
  if (url)
    return <img src={url} alt="" draggable={false} decoding="async" onLoad={thumbnailPainted} className="h-full w-full object-contain" />
  // null: no thumbnail is stored; undefined: not read (yet)
  return <span className={`block h-full w-full ${url === null ? 'bg-zinc-900' : 'bg-zinc-800/60'}`} />
}
