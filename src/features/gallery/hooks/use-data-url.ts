import { useEffect, useState } from 'react'

/**
 * A data: URL of a small blob (a thumbnail), read asynchronously. Unlike URL.createObjectURL (a
 * synchronous call into the browser, ~1–5 ms each with IndexedDB blobs: a screenful of cells adds
 * up), it costs nothing on the main thread, and there is nothing to revoke: the string goes when
 * the cell unmounts.
 */
export function useDataUrl(blob: Blob | null | undefined): string | undefined {
  const [url, setUrl] = useState<{ blob: Blob; url: string }>()
  useEffect(() => {
    if (!blob) return
    let live = true
    const reader = new FileReader()
    reader.onload = () => {
      if (live && typeof reader.result === 'string') setUrl({ blob, url: reader.result })
    }
    reader.readAsDataURL(blob)
    return () => {
      live = false
      if (reader.readyState === FileReader.LOADING) reader.abort()
    }
  }, [blob])
  return blob && url?.blob === blob ? url.url : undefined
}
