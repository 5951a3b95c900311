import { queryOptions, useQuery } from '@tanstack/react-query'
import { useEffect, useMemo } from 'react'
import { api } from '../../../lib/api-client.ts'

export function resultImageQuery(url: string) {
  return queryOptions({
    queryKey: ['result-image', url],
    queryFn: () => api.image(url),
    staleTime: Infinity,
  })
}

/** The result image's bytes as an object URL, fetched through the gateway as soon as it exists. */
export function useResultImage(url: string | undefined) {
  const q = useQuery({ ...resultImageQuery(url ?? ''), enabled: !!url })
  const objectUrl = useMemo(() => (q.data ? URL.createObjectURL(q.data) : undefined), [q.data])
  useEffect(() => () => {
    if (objectUrl) URL.revokeObjectURL(objectUrl)
  }, [objectUrl])
  return { ...q, objectUrl }
}
