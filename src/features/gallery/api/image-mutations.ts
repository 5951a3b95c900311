/** Favorite, delete and undo: IndexedDB writes whose results patch the gallery's queries. */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { applyImageChanges } from './gallery-sync.ts'
import { defaultDB, deleteImages, restoreImages, setFavorite, type DeletedImage } from './gallery-repo.ts'

export function useToggleFavorite() {
  const qc = useQueryClient()
  return useMutation({
    networkMode: 'always',
    mutationFn: ({ id, favorite }: { id: string; favorite: boolean }) => setFavorite(defaultDB, id, favorite),
    onSuccess: (_r, { id }) => applyImageChanges(qc, [id]),
  })
}

export function useDeleteImages() {
  const qc = useQueryClient()
  return useMutation({
    networkMode: 'always',
    mutationFn: (ids: readonly string[]) => deleteImages(defaultDB, ids),
    onSuccess: (deleted) =>
      applyImageChanges(
        qc,
        deleted.map((d) => d.id),
      ),
  })
}

export function useRestoreImages() {
  const qc = useQueryClient()
  return useMutation({
    networkMode: 'always',
    mutationFn: (deleted: readonly DeletedImage[]) => restoreImages(defaultDB, deleted),
    onSuccess: (_r, deleted) =>
      applyImageChanges(
        qc,
        deleted.map((d) => d.id),
      ),
  })
}
