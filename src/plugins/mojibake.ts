/**
 * `mojibake`: text decoded with the wrong code page ("Belarusâ€™" for
 * "Belarus’"), repaired with ftfy where the repair can be proven by
 * encoding it back. Text that is fine is never touched, and curly quotes
 * stay curly unless asked.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {reason, report} from '../core/report.js'
import {findMojibake, type MojibakeOptions} from '../cleanup/mojibake.js'

export type {MojibakeOptions} from '../cleanup/mojibake.js'

export default function unspinMojibake(options: MojibakeOptions = {}) {
  return function (_tree: Root, file: VFile) {
    const text = String(file.value)
    for (const repair of findMojibake(text, options)) {
      report(file, {
        family: 'mojibake',
        rule: repair.layers > 1 ? 'double-encoded' : 'wrong-codec',
        start: repair.start,
        end: repair.end,
        actual: repair.actual,
        expected: [repair.expected],
        confidence: repair.confidence,
        reason: reason(repair.actual, [repair.expected]),
        note: `UTF-8 read as ${repair.codec}${repair.layers > 1 ? ` ${repair.layers} times` : ''}; encoding the repair back gives the text found.`,
        data: {codec: repair.codec, layers: repair.layers}
      })
    }
  }
}
