/**
 * `unspin review PATH ... --out review.html`: check the inputs and write one
 * self-contained HTML page to decide on every suggestion; the page exports
 * `decisions.json` for `unspin apply` (text, Markdown, HTML and JSONL files).
 * `--report FILE` builds the page from a JSON report made earlier
 * (`unspin check --format json`) instead.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Command} from 'commander'
import {InputError, describeFsError, writeTextFile} from '../core/io.js'
import {loadConfig} from '../engine/config.js'
import {expandInputs} from '../engine/inputs.js'
import {UsageError} from '../engine/index.js'
import {VFile} from 'vfile'
import {report} from '../core/report.js'
import {engineInputs, openSource, type Doc, type Source} from '../inputs/index.js'
import type {UnspinMessage} from '../core/types.js'
import {toReport} from '../report/json.js'
import {buildReview, readSource} from '../review/model.js'
import {renderPage} from '../review/page.js'
import {parseReport} from '../review/schema.js'
import type {ReviewReport, ReviewSource} from '../review/types.js'
import {addCommonOptions, engineFrom, inputOptions, reportErrors, type CommonOptions, type Io} from './shared.js'

export interface ReviewOptions extends CommonOptions {
  out?: string
  report?: string
}

export function registerReview(program: Command, io: Io, run: (code: number) => void): void {
  addCommonOptions(program.command('review').argument('[paths...]', 'files, directories or globs'), {minConfidence: 0.5})
    .description('write an HTML page to accept or reject each suggestion; export decisions.json for `unspin apply`')
    .option('-o, --out <file>', 'where to write the page (default: review.html)')
    .option('--report <file>', 'build the page from a JSON report (`unspin check --format json`) instead of checking')
    .action(async (paths: string[], options: ReviewOptions) => run(await review(paths, options, io)))
}

export async function review(paths: string[], options: ReviewOptions, io: Io): Promise<number> {
  const out = path.resolve(io.cwd, options.out ?? 'review.html')
  const {report, sources, errors} = options.report
    ? await fromReport(options.report, paths, io)
    : await fromCheck(paths, options, io)
  const model = buildReview(report, sources)
  await writeTextFile({path: out, text: '', bom: false}, renderPage(model))
  const total = model.files.reduce((sum, file) => sum + file.suggestions.length, 0)
  const shown = path.relative(io.cwd, out) || out
  io.stdout(
    `${shown}: ${total} suggestion${total === 1 ? '' : 's'} in ${model.files.length} file${model.files.length === 1 ? '' : 's'}\n` +
      (total > 0 ? `Open it in a browser, decide, export decisions.json, then run: unspin apply --decisions decisions.json\n` : '')
  )
  reportErrors(errors, io)
  return errors.length > 0 ? 2 : 0
}

async function fromCheck(paths: string[], options: ReviewOptions, io: Io) {
  if (paths.length === 0) throw new UsageError('review needs files (a reviewed edit is applied to a file, not to stdin)')
  const config = loadConfig(options.config, io.cwd)
  const engine = engineFrom(options, io, config.minConfidence ?? 0.5, config)
  const expanded = await expandInputs(paths, io.cwd)
  const errors = [...expanded.errors]
  const sources: ReviewSource[] = []
  for (const file of expanded.files) {
    try {
      // Read once: the page's sha256 and the engine's offsets must come from the same bytes.
      sources.push(await readSource(file, io.cwd))
    } catch (error) {
      if (error instanceof InputError) errors.push(error)
      else throw error
    }
  }
  // Markdown and HTML are checked as their prose (same offsets as the file);
  // a suggestion is offered only where applying it to the file edits that
  // prose and nothing else, because `apply` edits the file itself. A JSONL
  // file is checked record by record, and each suggestion becomes the same
  // edit of the record's raw JSON string in the file (escaped as JSON).
  const opened: Source[] = []
  for (const source of sources) {
    const one = openSource({path: source.displayPath, text: source.text, bom: false}, inputOptions(options))
    for (const error of one.errors ?? []) errors.push(error)
    opened.push(one)
  }
  const checked = engine.check(engineInputs(opened))
  let next = 0
  const files = opened.map((source, index) => {
    const own = checked.slice(next, next + source.docs.length)
    next += source.docs.length
    return source.format === 'jsonl' ? jsonlFile(sources[index]!, source.docs, own) : sameOffsets(source.docs[0]!, own[0]!)
  })
  const report: ReviewReport = toReport(files)
  return {report, sources, errors}
}

/** Messages of a text, Markdown or HTML file whose edit of the file is the same edit. */
function sameOffsets(doc: Doc, file: VFile): VFile {
  file.messages = file.messages.filter((message) => {
    const {start, end} = offsets(message)
    const replacement = (message as UnspinMessage).expected[0] ?? ''
    const target = doc.toSource({start, end, replacement})
    return target !== undefined && target.start === start && target.end === end && target.replacement === replacement
  })
  return file
}

/** One file for the page, with every record's messages moved to the file's own offsets and escapes. */
function jsonlFile(source: ReviewSource, docs: readonly Doc[], checked: readonly VFile[]): VFile {
  const file = new VFile({path: source.displayPath, value: source.text})
  checked.forEach((record, index) => {
    for (const message of record.messages as UnspinMessage[]) {
      // A message that proposes nothing (see `buildReview`) has no edit to move.
      if (message.expected.length === 0) continue
      const {start, end} = offsets(message)
      const edits = message.expected.map((replacement) => docs[index]!.toSource({start, end, replacement})!)
      const target = edits[0]!
      report(file, {
        family: message.family,
        rule: message.ruleId.slice(message.family.length + 1),
        start: target.start,
        end: target.end,
        actual: source.text.slice(target.start, target.end),
        expected: edits.map((edit) => edit.replacement),
        confidence: message.confidence,
        reason: message.reason,
        ...(message.note ? {note: message.note} : {}),
        ...(message.url ? {url: message.url} : {}),
        ...(message.data ? {data: message.data} : {})
      })
    }
  })
  return file
}

function offsets(message: VFile['messages'][number]): {start: number; end: number} {
  const place = message.place && 'start' in message.place ? message.place : undefined
  const start = place?.start.offset ?? 0
  return {start, end: place?.end.offset ?? start}
}

async function fromReport(file: string, paths: string[], io: Io) {
  if (paths.length > 0) throw new UsageError('give either paths or --report, not both')
  const location = path.resolve(io.cwd, file)
  let text: string
  try {
    text = await fs.readFile(location, 'utf8')
  } catch (error) {
    throw new InputError(file, describeFsError(error))
  }
  const report = parseReport(text, file)
  if (report.files.some((entry) => entry.path === '<stdin>')) {
    throw new InputError(file, 'the report is of stdin; review needs files')
  }
  // Report paths are as the check was given them: relative to where it ran, which is here.
  const sources = await Promise.all(report.files.map((entry) => readSource(entry.path, io.cwd)))
  return {report, sources, errors: [] as InputError[]}
}
