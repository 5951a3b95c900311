import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { studioDB } from '../../../lib/db.ts'
import type { ImageRecord } from '../../../lib/records.ts'
import { useStudioConfig } from '../../../lib/studio-config.ts'
import { curlCode, fetchCode, pythonCode, requestFor, type InputInfo } from '../code/request-code.ts'
import { Trans, useLingui } from '@lingui/react/macro'

const LANGUAGES = [
  { id: 'curl', label: 'curl', code: curlCode },
  { id: 'python', label: 'Python', code: pythonCode },
  { id: 'javascript', label: 'JavaScript', code: fetchCode },
] as const

/** The job's request (exactly what was sent) and the edit inputs' names, when the studio still has them. */
async function loadRequest(record: ImageRecord) {
  const db = await studioDB()
  const job = record.jobId ? await db.get('jobs', record.jobId) : undefined
  const inputs: (InputInfo | undefined)[] = await Promise.all(
    record.parentIds.map(async (id) => {
      const input = await db.get('images', id)
      return input ? { name: input.prompt, mime: input.mime } : undefined
    }),
  )
  return requestFor(record, job?.request, inputs)
}

/** "Copy as code": the request that made this image, ready to run with your own key. */
export function RequestCode({ record, onCopied, onError }: { record: ImageRecord; onCopied: () => void; onError: (e: unknown) => void }) {
  const { t } = useLingui()
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]['id']>('curl')
  const request = useQuery({ queryKey: ['request-code', record.id], queryFn: () => loadRequest(record), networkMode: 'always' })
  const chosen = LANGUAGES.find((l) => l.id === language)!
  const keyVariable = useStudioConfig().data?.keyVariable
  const code = request.data && keyVariable ? chosen.code(request.data, record.region, keyVariable) : ''
  return (
    <details className="rounded-lg border border-zinc-800 text-xs">
      <summary className="cursor-pointer px-3 py-2 font-medium text-zinc-200">
        <Trans>Copy as code</Trans>
      </summary>
      <div className="flex flex-col gap-2 border-t border-zinc-800 p-3">
        <div role="tablist" aria-label={t`Code language`} className="flex gap-1">
          {LANGUAGES.map((l) => (
            <button
              key={l.id}
              type="button"
              role="tab"
              aria-selected={l.id === language}
              onClick={() => setLanguage(l.id)}
              className={`rounded-md px-2 py-1 ${l.id === language ? 'bg-zinc-700 text-white' : 'text-zinc-400 hover:text-zinc-200'}`}
            >
              {l.label}
            </button>
          ))}
          <button
            type="button"
            className="ml-auto rounded-md border border-zinc-700 px-2 py-1 text-zinc-200 hover:border-violet-400 disabled:opacity-50"
            disabled={!code}
            onClick={() => void navigator.clipboard.writeText(code).then(onCopied, onError)}
          >
            {t`Copy ${chosen.label}`}
          </button>
        </div>
        <pre
          aria-label={t`${chosen.label} code`}
          translate="no"
          data-user-content
          className="max-h-72 overflow-auto whitespace-pre rounded-md bg-zinc-950 p-2 font-mono text-[11px] text-zinc-200"
        >
          {request.error ? t`The request cannot be shown: ${request.error.message}` : code || t`Loading…`}
        </pre>
        <p className="text-zinc-500">
          {keyVariable ? (
            <Trans>
              The key stays yours: set <code translate="no">${keyVariable}</code> in your shell. Edit inputs are placeholders to fill in.
            </Trans>
          ) : (
            t`The key stays yours: set the key variable in your shell. Edit inputs are placeholders to fill in.`
          )}
        </p>
      </div>
    </details>
  )
}
