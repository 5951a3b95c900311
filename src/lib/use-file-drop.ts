import { useRef, useState, type DragEvent } from 'react'

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files')

/**
 * Drop-target handlers for files, and whether files are being dragged over the target. With
 * `contain`, drags and drops stop here (a drop zone inside a larger drop target keeps its own).
 */
export function useFileDrop(onFiles: (files: File[]) => void, { contain = false } = {}) {
  const [over, setOver] = useState(false)
  const depth = useRef(0)
  return {
    over,
    handlers: {
      onDragEnter: (e: DragEvent) => {
        if (!hasFiles(e)) return
        if (contain) e.stopPropagation()
        e.preventDefault()
        depth.current++
        setOver(true)
      },
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return
        if (contain) e.stopPropagation()
        e.preventDefault()
        e.dataTransfer.dropEffect = 'copy'
      },
      onDragLeave: (e: DragEvent) => {
        if (!hasFiles(e)) return
        if (contain) e.stopPropagation()
        depth.current = Math.max(0, depth.current - 1)
        if (depth.current === 0) setOver(false)
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e) && !e.dataTransfer?.files.length) return
        e.preventDefault()
        if (contain) e.stopPropagation()
        depth.current = 0
        setOver(false)
        const files = Array.from(e.dataTransfer.files)
        if (files.length) onFiles(files)
      },
    },
  }
}
