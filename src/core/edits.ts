/**
 * Apply replacements to a text. Shared by `fix`, `clean` and `apply`, so the
 * rules about overlaps live in one place.
 */
import type * as Diff from 'diff'
import {lazy} from './lazy.js'

/** The diff library, for `fix --diff` and `apply --diff`: loaded only when a diff is printed. */
export const diffLibrary = lazy((require) => require('diff') as typeof Diff)

export interface Edit {
  start: number
  end: number
  replacement: string
  /** Higher wins when edits overlap. */
  confidence?: number
  /** Carried through so callers can say what was (not) applied. */
  id?: string
}

export interface EditResult<T extends Edit> {
  text: string
  applied: T[]
  /** Edits dropped because a more confident one overlaps them. */
  skipped: T[]
}

/**
 * Where edits overlap the most confident wins (ties: the earlier one); the
 * others are returned as skipped, never merged. Edits are applied from the
 * end of the text backwards so offsets stay valid, and every byte outside
 * the applied edits is kept as it was.
 */
export function applyEdits<T extends Edit>(text: string, edits: readonly T[]): EditResult<T> {
  for (const edit of edits) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw new RangeError(`Edit ${edit.start}-${edit.end} is outside the text (length ${text.length})`)
    }
  }
  // A no-op edit changes nothing; dropping it keeps the result idempotent.
  const real = edits.filter((edit) => text.slice(edit.start, edit.end) !== edit.replacement)
  const byStart = [...real].sort((a, b) => a.start - b.start || a.end - b.end)
  const taken: T[] = []
  const skipped: T[] = []
  // Only edits in one run of mutually overlapping spans compete, so settle
  // each run on its own: linear in the number of edits when few overlap.
  for (let from = 0; from < byStart.length; ) {
    let to = from + 1
    let reach = byStart[from]!.end
    while (to < byStart.length && touches(byStart[to]!, byStart[from]!.start, reach)) {
      reach = Math.max(reach, byStart[to]!.end)
      to++
    }
    const group = byStart.slice(from, to).sort(
      (a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || a.start - b.start || a.end - b.end
    )
    const kept: T[] = []
    for (const edit of group) {
      if (kept.some((other) => overlaps(edit, other))) skipped.push(edit)
      else kept.push(edit)
    }
    for (const edit of kept) taken.push(edit)
    from = to
  }
  taken.sort((a, b) => a.start - b.start || a.end - b.end)
  let result = ''
  let last = 0
  for (const edit of taken) {
    result += text.slice(last, edit.start) + edit.replacement
    last = edit.end
  }
  result += text.slice(last)
  return {text: result, applied: taken, skipped}
}

/** Whether an edit (sorted by start) belongs to the run spanning start..reach. */
function touches(edit: Edit, start: number, reach: number): boolean {
  return overlaps(edit, {start, end: reach, replacement: ''})
}

function overlaps(a: Edit, b: Edit): boolean {
  // Two insertions at one point, or an insertion inside a replacement, conflict too.
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end
  return a.start < b.end && b.start < a.end
}
