/**
 * Turn a JSON report plus the files it talks about into the review model:
 * every suggestion with a stable id, its line context and its name cluster.
 * The page, the terminal review and `apply` all work from this model.
 */
import {createHash} from 'node:crypto'
import {location} from 'vfile-location'
import fs from 'node:fs/promises'
import path from 'node:path'
import {FAMILIES} from '../core/types.js'
import {InputError, decodeText, describeFsError} from '../core/io.js'
import type {ReviewReport, NameCluster, ReportMessage, ReviewFile, ReviewModel, ReviewSource, Suggestion} from './types.js'

/** Words of context shown either side of a suggestion: enough to judge it, short enough to scan. */
export const CONTEXT_WORDS = 8
/** Hard cap on context characters either side, for lines without spaces. */
const CONTEXT_CHARS = 90

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Read a file under review: its text (BOM removed, as the engine sees it) and the hash of its bytes. */
export async function readSource(file: string, cwd = process.cwd()): Promise<ReviewSource> {
  const absolute = path.resolve(cwd, file)
  let bytes: Uint8Array
  try {
    bytes = await fs.readFile(absolute)
  } catch (error) {
    throw new InputError(file, describeFsError(error))
  }
  const {text} = decodeText(file, bytes)
  return {path: absolute, displayPath: file, text, sha256: sha256(bytes)}
}

/**
 * Build the model. `sources` must hold one entry per report file, in the
 * report's order. A message whose `actual` is not the text at its offsets
 * means the report is stale (the file changed since), so it is refused.
 */
type Location = ReturnType<typeof location>

export function buildReview(report: ReviewReport, sources: readonly ReviewSource[], generated = new Date()): ReviewModel {
  if (sources.length !== report.files.length) {
    throw new Error(`buildReview: ${report.files.length} report files but ${sources.length} sources`)
  }
  const files: ReviewFile[] = report.files.map((entry, index) => {
    const source = sources[index]!
    const seen = new Set<string>()
    const suggestions: Suggestion[] = []
    const lines = location(source.text)
    for (const message of entry.messages) {
      // No proposal, nothing to accept: `expected: []` says "no suggestion"
      // in vfile's convention (retext-spell's unknown words), not "delete";
      // a deletion is `expected: [""]`. `check` still lists it.
      if (message.expected.length === 0) continue
      checkMessage(message, source)
      const suggestion = toSuggestion(message, index, source, lines)
      // The same finding reported twice (two passes agreeing) is one decision.
      if (seen.has(suggestion.id)) continue
      seen.add(suggestion.id)
      suggestions.push(suggestion)
    }
    suggestions.sort(bySection)
    const file: ReviewFile = {path: source.path, displayPath: source.displayPath, sha256: source.sha256, suggestions}
    if (typeof entry.spinScore === 'number') file.spinScore = entry.spinScore
    return file
  })
  const all = files.flatMap((file) => file.suggestions)
  return {
    key: sha256(files.map((file) => file.sha256 + ':' + file.suggestions.map((s) => s.id).join(',')).join('|')).slice(0, 16),
    generated: generated.toISOString(),
    files,
    clusters: clusters(all)
  }
}

function checkMessage(message: ReportMessage, source: ReviewSource): void {
  const {start, end} = message
  if (end < start || end > source.text.length) {
    throw new InputError(source.displayPath, `report offsets ${start}-${end} are outside the file (length ${source.text.length}); re-run the check`)
  }
  if (source.text.slice(start, end) !== message.actual) {
    throw new InputError(
      source.displayPath,
      `report does not match the file at ${start}-${end} (expected \`${message.actual}\`); the file changed since the check, re-run it`
    )
  }
}

function toSuggestion(message: ReportMessage, file: number, source: ReviewSource, lines: Location): Suggestion {
  const {text} = source
  const slash = message.ruleId.indexOf('/')
  const expected = message.expected
  const line = lines.toPoint(message.start)?.line ?? 1
  const lineStart = lines.toOffset({line, column: 1}) ?? 0
  const nextLine = lines.toOffset({line: line + 1, column: 1})
  const lineEnd = nextLine === undefined ? text.length : nextLine - 1
  // Only the words just before matter; never split a whole long line for them.
  const before = contextBefore(text.slice(Math.max(lineStart, message.start - 400), message.start))
  const after = contextAfter(text.slice(message.end, Math.max(message.end, lineEnd)).replace(/\r$/, ''))
  const suggestion: Suggestion = {
    id: suggestionId(source.path, message, expected[0]!),
    file,
    ruleId: message.ruleId,
    family: message.family,
    rule: slash === -1 ? message.ruleId : message.ruleId.slice(slash + 1),
    start: message.start,
    end: message.end,
    line,
    column: message.start - lineStart + 1,
    actual: message.actual,
    expected,
    confidence: message.confidence,
    reason: message.reason,
    before: before.text,
    after: after.text,
    clippedBefore: before.clipped,
    clippedAfter: after.clipped
  }
  if (message.note) suggestion.note = message.note
  if (message.url) suggestion.url = message.url
  const cluster = message.data?.['cluster']
  if (message.family === 'names' && (typeof cluster === 'string' || typeof cluster === 'number')) {
    suggestion.cluster = String(cluster)
  }
  return suggestion
}

/** Hash of what the suggestion is, not where it sits in the report, so a regenerated page keeps its decisions. */
function suggestionId(file: string, message: ReportMessage, replacement: string): string {
  return 's' + sha256([file, message.start, message.end, message.ruleId, replacement].join('\0')).slice(0, 12)
}

function bySection(a: Suggestion, b: Suggestion): number {
  return familyRank(a.family) - familyRank(b.family) || a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId)
}

/** Families in the order the project lists them; unknown ones after, alphabetically. */
export function familyRank(family: string): number {
  const index = (FAMILIES as readonly string[]).indexOf(family)
  return index === -1 ? FAMILIES.length : index
}

function contextBefore(text: string): {text: string; clipped: boolean} {
  const words = text.split(/(?<=\s)(?=\S)/u)
  let kept = words.slice(-CONTEXT_WORDS).join('')
  let clipped = words.length > CONTEXT_WORDS
  if (kept.length > CONTEXT_CHARS) {
    kept = kept.slice(-CONTEXT_CHARS).replace(/^\S*\s/u, '')
    clipped = true
  }
  return {text: kept, clipped}
}

function contextAfter(text: string): {text: string; clipped: boolean} {
  const words = text.split(/(?<=\S)(?=\s)/u)
  let kept = words.slice(0, CONTEXT_WORDS).join('')
  let clipped = words.length > CONTEXT_WORDS
  if (kept.length > CONTEXT_CHARS) {
    kept = kept.slice(0, CONTEXT_CHARS).replace(/\s\S*$/u, '')
    clipped = true
  }
  return {text: kept, clipped}
}

/**
 * Group `names` suggestions by cluster. The canonical spelling is the one
 * most suggestions propose; each variant lists the suggestions that rewrite
 * it, so the page can drop a whole variant at once.
 */
function clusters(suggestions: Suggestion[]): NameCluster[] {
  const byCluster = new Map<string, Suggestion[]>()
  for (const suggestion of suggestions) {
    if (suggestion.cluster === undefined) continue
    const list = byCluster.get(suggestion.cluster) ?? []
    list.push(suggestion)
    byCluster.set(suggestion.cluster, list)
  }
  const result: NameCluster[] = []
  for (const [id, members] of byCluster) {
    const proposed = new Map<string, number>()
    const variants = new Map<string, string[]>()
    for (const member of members) {
      proposed.set(member.expected[0]!, (proposed.get(member.expected[0]!) ?? 0) + 1)
      const ids = variants.get(member.actual) ?? []
      ids.push(member.id)
      variants.set(member.actual, ids)
    }
    const canonical = [...proposed].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0]
    result.push({
      id,
      canonical,
      variants: [...variants]
        .map(([actual, ids]) => ({actual, ids}))
        .sort((a, b) => b.ids.length - a.ids.length || a.actual.localeCompare(b.actual))
    })
  }
  return result.sort((a, b) => a.canonical.localeCompare(b.canonical))
}
