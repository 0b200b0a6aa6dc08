/**
 * SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, IDE viewers): one
 * run, one rule per ruleId seen, one result per message with its region,
 * the proposed fix, and unspin's confidence and family as properties.
 */
import {fileLocation, type JsonMessage, type JsonReport} from './json.js'
import {JsonSequence, collect, writeJsonValue, type Write} from './write.js'

export interface SarifOptions {
  /** Tool version written into the log (default: `0.0.0`). */
  version?: string
}

const LEVEL: Record<JsonMessage['severity'], 'error' | 'warning' | 'note'> = {error: 'error', warning: 'warning', info: 'note'}

export function formatSarif(report: JsonReport, options: SarifOptions = {}): string {
  return collect((write) => writeSarif(report, write, options))
}

/**
 * The log as `JSON.stringify(log, null, 2)` plus a newline, written per
 * result: the rules are gathered first, then each result is made as it is
 * written, so a run of a million findings is never in memory twice.
 */
export function writeSarif(report: JsonReport, write: Write, options: SarifOptions = {}): void {
  const rules: Array<Record<string, unknown>> = []
  const ruleIndex = new Map<string, number>()
  let count = 0
  for (const file of report.files) {
    for (const message of file.messages) {
      count++
      if (ruleIndex.has(message.ruleId)) continue
      ruleIndex.set(message.ruleId, rules.length)
      const rule: Record<string, unknown> = {
        id: message.ruleId,
        name: message.ruleId.replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase()),
        shortDescription: {text: `unspin ${message.ruleId}`},
        defaultConfiguration: {level: LEVEL[message.severity]},
        properties: {family: message.family}
      }
      if (message.url) rule.helpUri = message.url
      rules.push(rule)
    }
  }
  function* results(): Generator<Record<string, unknown>> {
    for (const file of report.files) {
      for (const message of file.messages) yield toResult(file.path, message, ruleIndex.get(message.ruleId)!)
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'unspin', version: options.version ?? '0.0.0', informationUri: 'https://github.com/unspin/unspin', rules}},
        columnKind: 'utf16CodeUnits',
        results: new JsonSequence(count, results)
      }
    ]
  }
  // Levels: the log, its runs, the run, its results; each result whole.
  writeJsonValue(log, write, 4, '  ')
  write('\n')
}

function toResult(path: string, message: JsonMessage, index: number): Record<string, unknown> {
  const at = fileLocation(path, message)
  const uri = toUri(at.file)
  const region = at.offsets
    ? {
        startLine: at.line,
        startColumn: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        charOffset: message.start,
        charLength: message.end - message.start,
        snippet: {text: message.actual}
      }
    : {startLine: at.line, endLine: at.endLine, snippet: {text: message.actual}}
  const result: Record<string, unknown> = {
    ruleId: message.ruleId,
    ruleIndex: index,
    level: LEVEL[message.severity],
    message: {text: message.note ? `${message.reason}. ${message.note}` : message.reason},
    locations: [{physicalLocation: {artifactLocation: {uri, uriBaseId: '%SRCROOT%'}, region}}],
    partialFingerprints: {unspinFinding: `${message.ruleId}:${message.actual}:${message.expected[0] ?? ''}`},
    properties: {confidence: message.confidence, family: message.family, expected: message.expected}
  }
  if (message.expected.length > 0) {
    result.fixes = [
      {
        description: {text: `Replace with \`${message.expected[0]}\``},
        artifactChanges: [
          {
            artifactLocation: {uri, uriBaseId: '%SRCROOT%'},
            replacements: [{deletedRegion: {charOffset: message.start, charLength: message.end - message.start}, insertedContent: {text: message.expected[0]}}]
          }
        ]
      }
    ]
  }
  return result
}

/** A relative URI with forward slashes, each segment percent-encoded. */
function toUri(path: string): string {
  if (path === '<stdin>') return 'stdin'
  return path
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/')
}
