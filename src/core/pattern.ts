/**
 * Case-insensitive Unicode patterns (`iu`), tested on every short line of a
 * page, cost far more when they hold a word boundary: under those flags V8
 * runs `\b` as a test of Unicode's case-folded word characters, which keeps
 * it from skipping ahead to the letters the pattern starts with, so it tries
 * the pattern at every place of the line. Measured on 45,000 short lines of
 * distinct text: `\bcopyright\s*\d{4}` 34 ms, the same without `\b` 4.6 ms.
 *
 * A pattern without its word boundaries matches wherever the pattern does,
 * and more: taking out an assertion takes out a condition. So that looser
 * pattern is tried first, and the pattern itself only on the few lines the
 * looser one accepts. The answer is the pattern's own, always.
 */

export interface Tester {
  test(value: string): boolean
}

/**
 * A tester answering as `new RegExp(source, flags).test` does, screened by
 * the pattern without its word boundaries where that is faster (`iu` flags;
 * see `withoutWordBoundaries` for where a boundary is taken out). Throws as
 * `RegExp` does on a bad source.
 *
 * For patterns this project wrote only. Without its boundaries a pattern
 * may backtrack far more: `\w+\b\s*\w+\b:` tries each split of a long
 * word once it may end anywhere. A repeated group is refused below, but not
 * every such case can be, so a user's pattern is never screened.
 */
export function screenedPattern(source: string, flags: string): Tester {
  const pattern = new RegExp(source, flags)
  if (pattern.global || pattern.sticky || !pattern.ignoreCase || !pattern.unicode) return pattern
  const loose = withoutWordBoundaries(source)
  if (loose === undefined) return pattern
  const screen = new RegExp(loose, flags)
  return {test: (value) => screen.test(value) && pattern.test(value)}
}

/**
 * `source` with each `\b` replaced by an empty group, or `undefined` if there
 * is none to replace. An empty group, not nothing: `\1\b0` must not become
 * the backreference `\10`, nor `\0\b1` the invalid `\01`. Left as they are:
 * a `\b` in a class (a backspace) or in a lookaround (in a negative one,
 * taking it out would make the pattern stricter, not looser). A pattern
 * with a boundary in a repeated group is not screened at all: `(?:\w+\b\s*)+`
 * without it backtracks exponentially.
 */
export function withoutWordBoundaries(source: string): string | undefined {
  const boundaries: number[] = []
  let inClass = false
  /** Each open group: whether it is a lookaround or inside one, and the boundaries to replace inside it. */
  const groups: Array<{guarded: boolean; boundaries: number}> = []
  for (let at = 0; at < source.length; at++) {
    const char = source[at]!
    if (char === '\\') {
      if (source[at + 1] === 'b' && !inClass && !groups.at(-1)?.guarded) {
        boundaries.push(at)
        for (const group of groups) group.boundaries++
      }
      // The escaped character is skipped: `\\b` is a backslash and a b.
      at++
    } else if (inClass) {
      if (char === ']') inClass = false
    } else if (char === '[') {
      inClass = true
    } else if (char === '(') {
      groups.push({guarded: /^\(\?<?[=!]/.test(source.slice(at, at + 4)) || groups.at(-1)?.guarded === true, boundaries: 0})
    } else if (char === ')') {
      const group = groups.pop()
      // Under `u`, a `{` after a group can only start a quantifier.
      if (group && group.boundaries > 0 && QUANTIFIER.test(source.charAt(at + 1))) return undefined
    }
  }
  if (boundaries.length === 0) return undefined
  let result = ''
  let from = 0
  for (const at of boundaries) {
    result += source.slice(from, at) + '(?:)'
    from = at + 2
  }
  return result + source.slice(from)
}

const QUANTIFIER = /^[*+?{]$/
