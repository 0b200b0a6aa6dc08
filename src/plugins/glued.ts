/**
 * `glued`: two words run together where page elements met ("Daily
 * Beastthat"), split with the help of the dictionary. Valid words and names
 * are never split.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {reason, report} from '../core/report.js'
import {findGlued} from '../cleanup/glued.js'
import type {UnspinFileData} from '../core/types.js'

export interface GluedOptions {
  /** Messages below this confidence are not emitted at all (default: `0.5`). */
  floor?: number
}

export default function unspinGlued(options: GluedOptions = {}) {
  const floor = options.floor ?? 0.5
  return function (_tree: Root, file: VFile) {
    const text = String(file.value)
    for (const glue of findGlued(text, (file.data as UnspinFileData).whole)) {
      if (glue.confidence < floor) continue
      report(file, {
        family: 'glued',
        rule: glue.kind === 'camel' ? 'glued-camel' : 'glued-word',
        start: glue.start,
        end: glue.end,
        actual: glue.actual,
        expected: [glue.expected],
        confidence: glue.confidence,
        reason: reason(glue.actual, [glue.expected]),
        note: 'Two words ran together where two page elements met; neither the whole nor a name, both halves are words.'
      })
    }
  }
}
