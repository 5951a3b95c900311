/** A file dropped on the compose or edit panel (or given to the gallery): restore what it can, say what it did. */
import { plural, t } from '@lingui/core/macro'
import { useCallback } from 'react'
import { useComposeStore } from '../features/compose/compose-store.ts'
import { useEditStore } from '../features/edit/edit-store.ts'
import { studioDB } from '../lib/db.ts'
import { DEFAULT_EDIT_MODEL, DEFAULT_T2I_MODEL, findModel } from '../shared/models.ts'
import type { EditPatch, RestorePlan } from './restore-plan.ts'
import { useRestoreNotice } from './restore-notice.tsx'
import { useStudioMode } from './studio-mode-store.ts'

/** The form's model, or the default when the form holds one the studio cannot send (older versions let that in). */
const usable = (id: string, kind: 't2i' | 'edit') =>
  findModel(id)?.kind === kind ? id : kind === 't2i' ? DEFAULT_T2I_MODEL : DEFAULT_EDIT_MODEL

/** The edit's inputs still in the library, in order; what happened to them goes into the plan. */
async function libraryInputs(form: EditPatch, plan: RestorePlan): Promise<string[] | undefined> {
  const wanted = form.inputIds
  if (!wanted.length) return undefined
  const db = await studioDB()
  const present = (await Promise.all(wanted.map((id) => db.getKey('images', id)))).map((key) => key !== undefined)
  const found = wanted.filter((_, i) => present[i])
  const missing = wanted.length - found.length
  if (!missing) plan.kept.push(plural(found.length, { one: 'its input from the library', other: 'its # inputs from the library' }))
  else if (found.length)
    plan.leftOut.push(t`${missing} of its ${wanted.length} inputs (no longer in this browser’s library; add them again)`)
  else
    plan.leftOut.push(
      plural(wanted.length, {
        one: 'its input (not in this browser’s library; the current inputs stay)',
        other: 'its # inputs (not in this browser’s library; the current inputs stay)',
      }),
    )
  return found.length ? found : undefined
}

export function useRestoreFile() {
  const show = useRestoreNotice((s) => s.show)
  return useCallback(
    async (file: File) => {
      try {
        // The reading and judging code loads with the first file (it is not needed to start the studio).
        const [{ readImageParameters }, { planRestore, restoreMessage }] = await Promise.all([
          import('../features/gallery/files/read-image-parameters.ts'),
          import('./restore-plan.ts'),
        ])
        const read = await readImageParameters(file)
        if (!read.ok) return show({ message: read.message, tone: 'error' })
        const compose = useComposeStore.getState()
        const edit = useEditStore.getState()
        const current = { t2iModel: usable(compose.model, 't2i'), editModel: usable(edit.model, 'edit') }
        const plan = planRestore(read.params, current)
        const target = plan.target
        if (target?.mode === 'generate') {
          compose.apply({ ...target.form, model: target.form.model ?? current.t2iModel })
          useStudioMode.getState().setMode('generate')
        } else if (target?.mode === 'edit') {
          const { inputIds: _ids, seed, model, ...rest } = target.form
          const inputs = await libraryInputs(target.form, plan)
          edit.set({
            ...rest,
            model: model ?? current.editModel,
            ...(inputs ? { inputs: inputs.map((id) => ({ kind: 'stored' as const, id })) } : {}),
            ...(seed !== undefined ? { seedText: String(seed), seedLocked: true } : {}),
          })
          useStudioMode.getState().setMode('edit')
        }
        show({ message: restoreMessage(file.name, plan), tone: target ? 'info' : 'error' })
      } catch (error) {
        const name = file.name
        const why = error instanceof Error ? error.message : String(error)
        show({ message: t`${name} could not be read: ${why}`, tone: 'error' })
      }
    },
    [show],
  )
}
