/**
 * Apply a reviewer's `decisions.json`: check every file is still what was
 * reviewed, then apply the accepted edits with `applyEdits`. Planning is
 * separate from writing so nothing is written unless every file checks out.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {applyEdits, diffLibrary, type Edit} from '../core/edits.js'
import {InputError, decodeText, describeFsError, writeTextFile, type TextInput} from '../core/io.js'
import {sha256} from './model.js'
import {parseDecisions} from './schema.js'
import type {DecisionEntry, DecisionsFile} from './types.js'

export interface DecisionEdit extends Edit {
  id: string
  actual: string
}

export interface FilePlan {
  /** Path as written in the decisions file. */
  path: string
  input: TextInput
  text: string
  applied: DecisionEdit[]
  /** Accepted, but a more confident accepted edit overlaps it. */
  skipped: DecisionEdit[]
  rejected: number
}

export interface ApplyPlan {
  files: FilePlan[]
}

/** Read and validate a decisions file; errors name it as `shown` (the path the user typed). */
export async function readDecisions(file: string, shown = file): Promise<DecisionsFile> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (error) {
    throw new InputError(shown, describeFsError(error))
  }
  return parseDecisions(text, shown)
}

/**
 * Check and plan. Throws an `InputError` naming the file when a file is
 * missing, changed since the review (sha256), or does not hold the reviewed
 * text at a decision's offsets.
 */
export async function planApply(decisions: DecisionsFile, decisionsPath: string): Promise<ApplyPlan> {
  const base = path.dirname(path.resolve(decisionsPath))
  const byPath = new Map<string, {shown: string; sha256: string; entries: DecisionEntry[]}>()
  for (const file of decisions.files) {
    const absolute = path.resolve(base, file.path)
    const known = byPath.get(absolute)
    if (known && known.sha256 !== file.sha256) {
      throw new InputError(file.path, 'listed twice in the decisions file with different sha256')
    }
    if (known) for (const decision of file.decisions) known.entries.push(decision)
    else byPath.set(absolute, {shown: file.path, sha256: file.sha256, entries: [...file.decisions]})
  }

  const files: FilePlan[] = []
  for (const [absolute, {shown, sha256: expected, entries}] of byPath) {
    let bytes: Uint8Array
    try {
      bytes = await fs.readFile(absolute)
    } catch (error) {
      throw new InputError(shown, describeFsError(error))
    }
    if (sha256(bytes) !== expected) {
      throw new InputError(shown, 'changed since it was reviewed (sha256 differs); nothing was applied, review it again')
    }
    const input = {...decodeText(shown, bytes), path: absolute}
    const accepted: DecisionEdit[] = []
    for (const entry of entries) {
      if (entry.decision !== 'accept') continue
      if (entry.end > input.text.length || input.text.slice(entry.start, entry.end) !== entry.actual) {
        // The hash matched, so the decisions file itself is wrong (edited by hand, or for another file).
        throw new InputError(shown, `decision ${entry.id}: the text at ${entry.start}-${entry.end} is not \`${entry.actual}\`; nothing was applied`)
      }
      const edit: DecisionEdit = {id: entry.id, start: entry.start, end: entry.end, replacement: entry.replacement, actual: entry.actual}
      if (entry.confidence !== undefined) edit.confidence = entry.confidence
      accepted.push(edit)
    }
    const result = applyEdits(input.text, accepted)
    files.push({
      path: shown,
      input,
      text: result.text,
      applied: result.applied,
      skipped: result.skipped,
      rejected: entries.filter((entry) => entry.decision === 'reject').length
    })
  }
  return {files}
}

/** Write every changed file (each atomically). */
export async function writePlan(plan: ApplyPlan): Promise<void> {
  for (const file of plan.files) {
    if (file.text !== file.input.text) await writeTextFile(file.input, file.text)
  }
}

/** A unified diff of what `writePlan` would change. */
export function diffPlan(plan: ApplyPlan): string {
  return plan.files
    .filter((file) => file.text !== file.input.text)
    .map((file) => diffLibrary().createTwoFilesPatch('a/' + file.path, 'b/' + file.path, file.input.text, file.text, undefined, undefined, {context: 1}))
    .join('')
}

/** One line per file and a total, e.g. `story.txt: 3 applied, 1 rejected`. */
export function summarizePlan(plan: ApplyPlan, dryRun = false): string {
  const lines: string[] = []
  let applied = 0
  let changed = 0
  for (const file of plan.files) {
    applied += file.applied.length
    if (file.text !== file.input.text) changed++
    const parts = [`${file.applied.length} applied`]
    if (file.rejected) parts.push(`${file.rejected} rejected`)
    if (file.skipped.length) {
      parts.push(`${file.skipped.length} skipped (overlapping a more confident edit: ${file.skipped.map((edit) => edit.id).join(', ')})`)
    }
    lines.push(`${file.path}: ${parts.join(', ')}`)
  }
  const verb = dryRun ? 'would apply' : 'applied'
  lines.push(`${verb} ${applied} ${applied === 1 ? 'edit' : 'edits'} in ${changed} ${changed === 1 ? 'file' : 'files'}`)
  return lines.join('\n')
}
