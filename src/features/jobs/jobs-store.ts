import { create } from 'zustand'

export interface JobRef {
  id: string
  taskId: string
  prompt: string
  size: string
}

/** Jobs of this session, newest first. */
export interface JobsState {
  jobs: JobRef[]
  add: (job: Omit<JobRef, 'id'>) => void
}

export const useJobsStore = create<JobsState>()((set) => ({
  jobs: [],
  add: (job) => set((s) => ({ jobs: [{ id: crypto.randomUUID(), ...job }, ...s.jobs] })),
}))
