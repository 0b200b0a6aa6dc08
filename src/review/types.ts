/**
 * The data the review workflow reads and writes: the engine's JSON report
 * (input), the review model the page is built from, and `decisions.json`
 * (output of the page, input of `unspin apply`).
 */
import type {JsonFile, JsonMessage} from '../report/json.js'

/**
 * A message as read back from a `--format json` report (ours, or one a
 * script wrote): the same model as `JsonMessage`, but the places a reader
 * does not need may be missing.
 */
export type ReportMessage = Omit<JsonMessage, 'severity' | 'line' | 'column' | 'endLine' | 'endColumn'> & {
  severity?: string | number
  line?: number | null
  column?: number | null
  endLine?: number | null
  endColumn?: number | null
}

export interface ReportFile extends Omit<JsonFile, 'spinScore' | 'messages'> {
  spinScore?: number | null
  messages: ReportMessage[]
}

/** A `--format json` report as the review workflow reads it. */
export interface ReviewReport {
  version: 1
  files: ReportFile[]
}

/** A file under review: its text as the report's offsets see it, and the hash of its bytes. */
export interface ReviewSource {
  /** Absolute path, written into decisions.json. */
  path: string
  /** Path as the user gave it, for display. */
  displayPath: string
  text: string
  /** sha256 (hex) of the file's bytes at review time. */
  sha256: string
}

/** One reviewable suggestion: a report message with everything the page needs to show it. */
export interface Suggestion {
  /** Stable across regenerations of the page for the same file content. */
  id: string
  file: number
  ruleId: string
  family: string
  /** Rule name without the family prefix. */
  rule: string
  start: number
  end: number
  line: number
  column: number
  actual: string
  /** Proposed replacements, best first (`''` deletes). */
  expected: string[]
  confidence: number
  reason: string
  note?: string
  url?: string
  /** Text just before and after the span, on the same line, cut at word boundaries. */
  before: string
  after: string
  /** The text before `before` / after `after` on the line was cut. */
  clippedBefore: boolean
  clippedAfter: boolean
  /** Name cluster this suggestion belongs to (family `names`). */
  cluster?: string
}

/** Spellings of one name that the `names` family proposes to unify. */
export interface NameCluster {
  id: string
  /** The spelling most suggestions propose. */
  canonical: string
  variants: Array<{actual: string; ids: string[]}>
}

export interface ReviewFile {
  path: string
  displayPath: string
  sha256: string
  spinScore?: number
  suggestions: Suggestion[]
}

export interface ReviewModel {
  /** Identifies this review for localStorage: same files and suggestions, same key. */
  key: string
  generated: string
  files: ReviewFile[]
  clusters: NameCluster[]
}

export type Decision = 'accept' | 'reject'

export interface DecisionEntry {
  id: string
  start: number
  end: number
  actual: string
  replacement: string
  decision: Decision
  /** Optional extras the page writes; `apply` uses confidence to settle overlaps. */
  ruleId?: string
  confidence?: number
}

export interface DecisionsFile {
  version: 1
  files: Array<{path: string; sha256: string; decisions: DecisionEntry[]}>
}
