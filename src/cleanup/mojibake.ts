/**
 * Mojibake: UTF-8 text that was decoded with a single-byte code page on its
 * way to the corpus ("Belarusâ€™" for "Belarus’"). ftfy (`ftfy-js`) finds
 * the repair; this module keeps only repairs it can prove, by encoding the
 * repaired text back to the damaged one, and cuts them into small spans so
 * a reviewer sees "â€™" -> "’" rather than a rewritten line.
 */
import {lazy} from '../core/lazy.js'
import type * as Ftfy from 'ftfy-js'
import type * as Codecs from 'ftfy-js/bad-codecs'

export interface Repair {
  start: number
  end: number
  actual: string
  expected: string
  confidence: number
  /** The code page the text was wrongly decoded with. */
  codec: string
  /** How many times it was (1 = once). */
  layers: number
}

export interface MojibakeOptions {
  /** Also straighten curly quotes inside repaired spans (default: `false`). */
  uncurl?: boolean
}

// A UTF-8 lead byte read as Latin-1/Windows-1252 (Â..ô) followed by a
// continuation byte read the same way, or a space that was a no-break space;
// the Windows-1251 and Mac Roman equivalents; or a C1 control character.
// Lines without one cannot hold mojibake ftfy repairs, so ftfy never sees them.
const CONTINUATION_1252 = '\\u0080-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122'
const CONTINUATION_1251 = '\\u0401-\\u040F\\u0451-\\u045F\\u0490\\u0491\\u2018-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2116\\u2122\\u00A0-\\u00BF'
const SIGNATURE = new RegExp(
  `[\\u00C2-\\u00F4][${CONTINUATION_1252}]|[\\u00C2\\u00C3] |[\\u0420\\u0421\\u0440\\u0441][${CONTINUATION_1251}]|[\\u201A\\u221A][\\u00C4\\u00A9\\u00B6\\u00A7\\u00AE\\u00BA\\u00A2\\u00A3\\u00AB\\u00BB\\u00E2\\u00D1\\u00FC\\u00F6\\u00E9\\u00DF]|[\\u0080-\\u009F]`,
  'u'
)
/** Code pages tried when ftfy's explanation does not name one. */
const CODECS = ['sloppy-windows-1252', 'latin-1', 'sloppy-windows-1251', 'macroman', 'sloppy-windows-1250', 'cp437']

/** What is used of ftfy. */
export interface RepairLibrary {
  ftfy: Pick<typeof Ftfy, 'TextFixerConfig' | 'fix_and_explain'>
  codecs: Pick<typeof Codecs, 'decodeBytes' | 'encodeText'>
}

// ftfy's tables take a noticeable time to load; most files never need them.
// (Its CommonJS entry also holds 4.8 MB of Unicode names: about 60 ms to
// compile at the first file that needs a repair.)
const fromDisk = lazy((require): RepairLibrary => ({
  ftfy: require('ftfy-js') as typeof Ftfy,
  codecs: require('ftfy-js/bad-codecs') as typeof Codecs
}))
let library: RepairLibrary | undefined
const load = () => library ?? fromDisk()

/**
 * Use these modules instead of loading ftfy from disk: the CLI's start-up
 * snapshot (`src/cli/snapshot.ts`) bundles them, without the names table.
 */
export function useRepairLibrary(given: RepairLibrary): void {
  library = given
}

let config: Ftfy.TextFixerConfig | undefined

/** Longest stretch of a line handed to ftfy at once. */
const PIECE = 2000

/** Verified repairs in a text, offsets into it. */
export function findMojibake(text: string, options: MojibakeOptions = {}): Repair[] {
  if (!SIGNATURE.test(text)) return []
  const repairs: Repair[] = []
  let start = 0
  while (start < text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    // ftfy's cost grows faster than the length of what it is given, so a
    // very long line (a 10 MB single-line file) goes in pieces cut at spaces.
    for (let from = start; from < end; ) {
      let to = Math.min(end, from + PIECE)
      if (to < end) {
        const space = text.lastIndexOf(' ', to)
        if (space > from) to = space + 1
      }
      const piece = text.slice(from, to)
      if (SIGNATURE.test(piece)) {
        for (const repair of repairLine(piece, options)) {
          repairs.push({...repair, start: repair.start + from, end: repair.end + from})
        }
      }
      from = to
    }
    start = end + 1
  }
  return repairs
}

/** Repairs in one line (offsets into the line). */
export function repairLine(line: string, options: MojibakeOptions = {}, split = true): Repair[] {
  const {ftfy} = load()
  config ??= new ftfy.TextFixerConfig({
    // Mojibake only: everything else ftfy can do is another family's business or a matter of taste.
    unescape_html: false,
    remove_terminal_escapes: false,
    fix_latin_ligatures: false,
    fix_character_width: false,
    uncurl_quotes: false,
    fix_line_breaks: false,
    remove_control_chars: false,
    normalization: null
  })
  const [fixed, explanation] = ftfy.fix_and_explain(line, config)
  if (fixed === line || !explanation || explanation.length === 0) return []
  const named = explanation.filter(([action]) => action === 'encode').map(([, codec]) => codec)
  const candidates = [...new Set([...named, ...CODECS])]
  const repairs: Repair[] = []
  for (const alternatives of changedSpans(line, fixed)) {
    let span: Span | undefined
    let proof: ReturnType<typeof verify>
    for (const option of alternatives) {
      proof = verify(option.actual, option.expected, candidates)
      if (proof) {
        span = option
        break
      }
    }
    if (!span || !proof) {
      // A repair that cannot be proven as a whole may hold one that can: try each word alone.
      const widest = alternatives[alternatives.length - 1]!
      if (split && /\s/.test(widest.actual)) {
        let offset = widest.start
        for (const part of widest.actual.split(/(\s+)/)) {
          if (part && !/^\s+$/.test(part) && SIGNATURE.test(part)) {
            for (const repair of repairLine(part, options, false)) {
              repairs.push({...repair, start: repair.start + offset, end: repair.end + offset})
            }
          }
          offset += part.length
        }
      }
      continue
    }
    const expected = options.uncurl ? uncurl(span.expected) : span.expected
    repairs.push({
      start: span.start,
      end: span.end,
      actual: span.actual,
      expected,
      codec: proof.codec,
      layers: proof.layers,
      // A proven round trip leaves little doubt; one byte's worth of text (a lone "Â") a little more.
      confidence: proof.layers > 1 ? 0.96 : span.actual.length >= 2 ? 0.98 : 0.9
    })
  }
  return repairs
}

interface Span {
  start: number
  end: number
  actual: string
  expected: string
}

/**
 * Pair the white-space separated tokens of the line before and after the
 * repair; each changed token gives the candidate spans to prove, smallest
 * first: the part that differs, then that part widened to the ASCII around
 * it (a "Â£" -> "£" repair shares its "£" with the result), then the token.
 */
function changedSpans(before: string, after: string): Span[][] {
  const a = before.split(/(\s+)/)
  const b = after.split(/(\s+)/)
  if (a.length !== b.length || a.some((part, index) => /^\s+$/.test(part) && part !== b[index])) {
    // Tokens do not pair up (a no-break space was restored, say): the changed middle of the line.
    return [[trimmed(before, after, 0, false), trimmed(before, after, 0, true)]]
  }
  const spans: Span[][] = []
  let offset = 0
  for (let index = 0; index < a.length; index++) {
    const x = a[index]!
    const y = b[index]!
    if (x !== y) {
      spans.push([trimmed(x, y, offset, false), trimmed(x, y, offset, true), {start: offset, end: offset + x.length, actual: x, expected: y}])
    }
    offset += x.length
  }
  return spans
}

function trimmed(x: string, y: string, offset: number, asciiOnly: boolean): Span {
  const keep = (code: number) => !asciiOnly || code < 0x80
  let head = 0
  while (head < x.length && head < y.length && x[head] === y[head] && keep(x.charCodeAt(head))) head++
  let tail = 0
  while (
    tail < x.length - head &&
    tail < y.length - head &&
    x[x.length - 1 - tail] === y[y.length - 1 - tail] &&
    keep(x.charCodeAt(x.length - 1 - tail))
  ) {
    tail++
  }
  return {start: offset + head, end: offset + x.length - tail, actual: x.slice(head, x.length - tail), expected: y.slice(head, y.length - tail)}
}

/**
 * The repair is proven when encoding it as UTF-8 and decoding the bytes with
 * one code page (up to three times, for mojibake of mojibake) gives back the
 * damaged text exactly; a no-break space that became a space counts as equal.
 */
export function verify(actual: string, expected: string, candidates: readonly string[] = CODECS) {
  const {codecs} = load()
  if (expected.length === 0) return undefined
  const target = actual.replace(/\u00A0/g, ' ')
  for (const codec of candidates) {
    let text = expected
    for (let layers = 1; layers <= 3; layers++) {
      try {
        text = codecs.decodeBytes(codecs.encodeText(text, 'utf-8'), codec)
      } catch {
        break
      }
      if (text === actual) return {codec, layers}
      // A no-break space byte that became a space can only be trusted inside a letter ("Ã " for "à");
      // "â€ " is far more often a closing quote whose last byte was lost than a dagger.
      if (text.replace(/\u00A0/g, ' ') === target && !/[\u2000-\u206F]/.test(expected)) return {codec, layers}
      if (text.length > target.length * 2) break
    }
    // C1 controls: Windows-1252 bytes read as Latin-1 ("\u0093" for "“").
    try {
      if (codecs.decodeBytes(codecs.encodeText(expected, codec), 'latin-1') === actual && /[\u0080-\u009F]/.test(actual)) {
        return {codec, layers: 1}
      }
    } catch {
      // Not encodable in this code page; try the next.
    }
  }
  return undefined
}

function uncurl(value: string): string {
  return value.replace(/[‘’‚‛]/g, "'").replace(/[“”„‟]/g, '"')
}
