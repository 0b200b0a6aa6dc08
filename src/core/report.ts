/**
 * Turn findings into vfile messages with the fields downstream tools read
 * (`ruleId`, `source`, `actual`, `expected`, `url`, `note`), plus unspin's
 * `family` and `confidence`.
 */
import type {VFile} from 'vfile'
import {location} from 'vfile-location'
import type {Finding, UnspinMessage} from './types.js'

export const SOURCE = 'unspin'

const locators = new WeakMap<VFile, ReturnType<typeof location>>()

function locate(file: VFile) {
  let found = locators.get(file)
  if (!found) {
    // Building the line index is linear in the text, so do it once a file.
    found = location(file)
    locators.set(file, found)
  }
  return found
}

export function report(file: VFile, finding: Finding): UnspinMessage {
  const place = locate(file)
  const start = place.toPoint(finding.start)
  const end = place.toPoint(finding.end)
  // A vfile message is an Error; capturing a stack trace for each of
  // thousands of findings costs more than finding them, and says nothing.
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  let message: UnspinMessage
  // Flat literals: one nested in another is built by a call into V8's runtime until this is optimised.
  const span = start && end ? {start, end} : start
  try {
    message = file.message(finding.reason, {
      place: span,
      ruleId: `${finding.family}/${finding.rule}`,
      source: SOURCE
    }) as UnspinMessage
  } finally {
    Error.stackTraceLimit = limit
  }
  message.actual = finding.actual
  message.expected = finding.expected
  message.family = finding.family
  message.confidence = round(finding.confidence)
  if (finding.note) message.note = finding.note
  if (finding.url) message.url = finding.url
  if (finding.data) message.data = finding.data
  return message
}

/** Confidence is shown with two decimals; more would suggest precision we do not have. */
export function round(value: number): number {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100
}

/**
 * "Unexpected `x`, expected `y`"; "… expected nothing" for a deletion
 * (`[""]`); "… no rewrite proposed" where nothing is proposed (`[]`, as
 * vfile's convention has it: not a deletion).
 */
export function reason(actual: string, expected: string[], what = ''): string {
  const shown = actual.length > 60 ? actual.slice(0, 57) + '…' : actual
  const prefix = what ? `Unexpected ${what} \`${oneLine(shown)}\`` : `Unexpected \`${oneLine(shown)}\``
  if (expected.length === 0) return `${prefix}, no rewrite proposed`
  if (expected.length === 1 && expected[0] === '') return `${prefix}, expected nothing`
  return `${prefix}, expected ${expected.map((e) => `\`${oneLine(e)}\``).join(', ')}`
}

function oneLine(value: string): string {
  // Most values are one line with single spaces already: test before rewriting.
  return ODD_SPACE.test(value) ? value.replace(/\s+/g, ' ').trim() : value.trim()
}

const ODD_SPACE = /\s\s|[^\S ]/
