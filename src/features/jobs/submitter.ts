/**
 * Who submitted a job: the studio has no accounts, so each browser keeps a random submitter id
 * (localStorage) that it sends with its jobs. The server shares the account's slots fairly
 * between submitters and tells each one only about its own jobs (others' as counts).
 */
const KEY = 'qwen-image-studio-submitter'

export function submitterId(): string {
  let id = localStorage.getItem(KEY)
  if (!id || !/^[A-Za-z0-9_-]{8,64}$/.test(id)) {
    id = crypto.randomUUID()
    localStorage.setItem(KEY, id)
  }
  return id
}
