/**
 * The one alert model every output format is a view of: the JSON report.
 */
import type {VFile} from 'vfile'
import type {UnspinFileData, UnspinMessage} from '../core/types.js'
import {writeJsonValue, type Write} from './write.js'

export interface JsonMessage {
  ruleId: string
  family: string
  severity: 'error' | 'warning' | 'info'
  line: number
  column: number
  endLine: number
  endColumn: number
  start: number
  end: number
  actual: string
  expected: string[]
  confidence: number
  reason: string
  note?: string
  url?: string
  data?: Record<string, unknown>
}

export interface JsonFile {
  path: string
  spinScore: number | null
  messages: JsonMessage[]
}

export interface JsonReport {
  version: 1
  files: JsonFile[]
}

export function toReport(files: readonly VFile[]): JsonReport {
  return {version: 1, files: files.map(toJsonFile)}
}

/**
 * The report as `JSON.stringify(report)` plus a newline, written per file
 * and per message: one JSON document however large it is. Compact, as
 * ESLint's and vfile-reporter-json's are: it is read by programs (`| jq .`
 * lays it out for people), and a corpus's report is then a third smaller
 * and quicker to write and to read.
 */
export function writeJson(report: JsonReport, write: Write): void {
  write('{"version":' + JSON.stringify(report.version) + ',"files":[')
  report.files.forEach((file, index) => {
    if (index > 0) write(',')
    // A file's messages with one `JSON.stringify` where they make a modest
    // string (one call per message cost a third more: some 0.03 s for
    // 13,000 messages), else message by message.
    if (file.messages.length <= WHOLE) write(JSON.stringify(file))
    else writeJsonValue(file, write, 2)
  })
  write(']}\n')
}

/** Messages of a file written with one `JSON.stringify` (about 650 characters each: a third of a MB at most, as a rule). */
const WHOLE = 500

export function toJsonFile(file: VFile): JsonFile {
  const score = (file.data as UnspinFileData).spinScore
  return {
    path: file.path ?? '<stdin>',
    spinScore: typeof score === 'number' ? Math.round(score * 1000) / 1000 : null,
    messages: (file.messages as UnspinMessage[]).map(toJsonMessage)
  }
}

export function toJsonMessage(message: UnspinMessage): JsonMessage {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  const end = place && 'end' in place ? place.end : start
  const result: JsonMessage = {
    ruleId: message.ruleId,
    family: message.family,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    line: start?.line ?? 1,
    column: start?.column ?? 1,
    endLine: end?.line ?? start?.line ?? 1,
    endColumn: end?.column ?? start?.column ?? 1,
    start: start?.offset ?? 0,
    end: end?.offset ?? start?.offset ?? 0,
    actual: message.actual,
    expected: message.expected,
    confidence: message.confidence,
    reason: message.reason
  }
  if (message.note) result.note = message.note
  if (message.url) result.url = message.url
  if (message.data) result.data = message.data
  return result
}

/** Where a message is in the file on disk, for annotations. */
export interface FileLocation {
  file: string
  line: number
  column?: number
  endLine: number
  endColumn?: number
  /** Offsets are into the file itself (not into one JSONL record's text). */
  offsets: boolean
}

const RECORD = /^(.*\.(?:jsonl|ndjson)):(\d+)$/i

/**
 * A JSONL record is reported as `file.jsonl:LINE` with positions inside the
 * record's text; code-scanning tools need the file and its line instead.
 */
export function fileLocation(path: string, message: JsonMessage): FileLocation {
  const record = RECORD.exec(path)
  if (record) {
    const line = Number(record[2])
    return {file: record[1]!, line, endLine: line, offsets: false}
  }
  return {file: path, line: message.line, column: message.column, endLine: message.endLine, endColumn: message.endColumn, offsets: true}
}
