/**
 * Apply replacements to a text. Shared by `fix`, `clean` and `apply`, so the
 * rules about overlaps live in one place.
 */

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
  const ranked = [...edits].sort(
    (a, b) => (b.confidence ?? 0) - (a.confidence ?? 0) || a.start - b.start || a.end - b.end
  )
  const taken: T[] = []
  const skipped: T[] = []
  for (const edit of ranked) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw new RangeError(`Edit ${edit.start}-${edit.end} is outside the text (length ${text.length})`)
    }
    if (text.slice(edit.start, edit.end) === edit.replacement) {
      // A no-op edit changes nothing; skipping it keeps the result idempotent.
      continue
    }
    if (taken.some((other) => overlaps(edit, other))) skipped.push(edit)
    else taken.push(edit)
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

function overlaps(a: Edit, b: Edit): boolean {
  // Two insertions at one point, or an insertion inside a replacement, conflict too.
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end
  return a.start < b.end && b.start < a.end
}
