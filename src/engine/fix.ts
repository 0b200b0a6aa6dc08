/**
 * Fixing: the best proposal of every message the engine reports, applied
 * with `applyEdits`. Repeated until nothing changes (at most a few rounds)
 * so that fixing a fixed text changes nothing: idempotent by construction.
 */
import {applyEdits, type Edit} from '../core/edits.js'
import type {UnspinMessage} from '../core/types.js'
import type {Engine} from './index.js'

export interface FixEdit extends Edit {
  line: number
  column: number
  reason: string
  ruleId: string
}

export interface FixOutcome {
  text: string
  applied: FixEdit[]
  skipped: FixEdit[]
}

const MAX_ROUNDS = 3

export function fixText(text: string, engine: Engine, path = '<stdin>'): FixOutcome {
  const applied: FixEdit[] = []
  let skipped: FixEdit[] = []
  let current = text
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const [file] = engine.check([{path, text: current, bom: false}])
    const edits = (file!.messages as UnspinMessage[])
      .filter((message) => message.expected.length > 0)
      .map(toEdit)
    const result = applyEdits(current, edits)
    // Skipped edits are only worth reporting from the first round: later rounds re-find them.
    if (round === 0) skipped = result.skipped
    if (result.applied.length === 0) break
    applied.push(...result.applied)
    current = result.text
  }
  return {text: current, applied, skipped}
}

function toEdit(message: UnspinMessage): FixEdit {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  return {
    start: start?.offset ?? 0,
    end: end?.offset ?? 0,
    replacement: message.expected[0]!,
    confidence: message.confidence,
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    reason: message.reason,
    ruleId: message.ruleId
  }
}
