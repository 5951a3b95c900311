import { useMutation } from '@tanstack/react-query'
import { api } from '../../../lib/api-client.ts'
import type { ImageSynthesisRequest } from '../../../shared/schemas.ts'
import { useJobsStore } from '../jobs-store.ts'

export function useCreateTask() {
  const add = useJobsStore((s) => s.add)
  return useMutation({
    mutationFn: (body: ImageSynthesisRequest) => api.createTask(body),
    onSuccess: (res, body) => add({ taskId: res.output.task_id, prompt: body.input.prompt, size: body.parameters?.size ?? '' }),
  })
}
