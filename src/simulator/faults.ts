/**
 * Injected faults, so clients can rehearse what goes wrong at the vendor. A fault is asked for
 * per request (header X-Simulator-Fault: name[, name…]), queued for the next requests that can
 * have it (POST /__admin/config {"nextFaults": [...]}), or given a rate (0..1) per name
 * (POST /__admin/config {"faults": {"internal-error": 0.5}}). reset() clears queue and rates.
 *
 * Each fault strikes at one stage:
 * - request (any /api/v1 call): internal-error (500 InternalError), throttling (429 Throttling),
 *   slow (waits slowMs, then answers normally), connection-reset (the connection is dropped);
 * - submission (a generation request the simulator accepts): task-failed (the task ends FAILED
 *   with InternalError, the sync call answers 500), data-inspection-failed (FAILED with
 *   DataInspectionFailed, the sync call answers 400), text-typo (succeeds, but one quoted string
 *   is drawn with one character changed, dropped or swapped: for the studio's text check);
 * - result (GET /results/…): truncated-image (Content-Length of the whole PNG, half of it sent),
 *   expired-link (403 "Request has expired.").
 */
import * as z from 'zod/mini'

export const FAULT_HEADER = 'X-Simulator-Fault'

export const FAULT_STAGES = {
  'internal-error': 'request',
  throttling: 'request',
  slow: 'request',
  'connection-reset': 'request',
  'task-failed': 'submission',
  'data-inspection-failed': 'submission',
  'text-typo': 'submission',
  'truncated-image': 'result',
  'expired-link': 'result',
} as const

export type FaultName = keyof typeof FAULT_STAGES
export type FaultStage = (typeof FAULT_STAGES)[FaultName]

export const FAULT_NAMES = Object.keys(FAULT_STAGES) as FaultName[]
export const FaultNameSchema = z.enum(FAULT_NAMES as [FaultName, ...FaultName[]])

/** What a task FAILED by `task-failed` says. */
export const INJECTED_TASK_FAILURE = {
  code: 'InternalError',
  message: 'The task failed in the simulator (injected fault task-failed).',
} as const

export const DEFAULT_SLOW_MS = 5000

export class FaultInjector {
  /** Probability per fault name, 0..1. */
  rates: Partial<Record<FaultName, number>> = {}
  /** How long `slow` waits (ms). */
  slowMs = DEFAULT_SLOW_MS
  #queue: FaultName[] = []

  constructor(private readonly random: () => number = Math.random) {}

  get queued(): readonly FaultName[] {
    return [...this.#queue]
  }

  /** Replaces the one-shot queue. */
  queue(names: readonly FaultName[]): void {
    this.#queue = [...names]
  }

  clear(): void {
    this.rates = {}
    this.slowMs = DEFAULT_SLOW_MS
    this.#queue = []
  }

  /**
   * The faults striking a request at `stage`: those its header asks for, else the first queued
   * one of this stage (taken off the queue), else those whose rate the dice pick.
   */
  take(stage: FaultStage, headerValue: string | undefined): FaultName[] {
    const asked = parseFaultHeader(headerValue).filter((f) => FAULT_STAGES[f] === stage)
    if (asked.length) return asked
    const at = this.#queue.findIndex((f) => FAULT_STAGES[f] === stage)
    if (at >= 0) return this.#queue.splice(at, 1)
    return FAULT_NAMES.filter((f) => {
      const rate = this.rates[f] ?? 0
      return FAULT_STAGES[f] === stage && rate > 0 && this.random() < rate
    })
  }
}

/** Known fault names in a header value (comma-separated, case-insensitive); unknown ones are ignored. */
export function parseFaultHeader(value: string | undefined): FaultName[] {
  if (!value) return []
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s): s is FaultName => Object.hasOwn(FAULT_STAGES, s))
}

/** A body that fails as soon as it is read: what a dropped connection looks like to fetch. */
export function resetBody(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.error(new Error('connection reset by the simulator (injected fault)'))
    },
  })
}

/**
 * Half of `bytes`, then the stream ends short of the declared length. Over HTTP it then fails,
 * so the server drops the connection (a short body that merely ended would leave the client
 * waiting for the rest); in-process it just ends early.
 */
export function truncatedBody(bytes: Uint8Array, dropConnection: boolean): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.slice(0, Math.floor(bytes.byteLength / 2)))
      if (dropConnection) controller.error(new Error('image cut short by the simulator (injected fault)'))
      else controller.close()
    },
  })
}
