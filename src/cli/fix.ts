/**
 * `unspin fix [PATH ...]`: apply the best proposal of every message at or
 * above the fix threshold (default 0.9). Stdin in, fixed text out; `--write`
 * rewrites files atomically; `--diff` prints a unified diff; `--interactive`
 * asks about each suggestion like `git add -p`.
 */
import type {Command} from 'commander'
import {InputError, writeTextFile} from '../core/io.js'
import {applyEdits, diffLibrary, type Edit} from '../core/edits.js'
import type {VFile} from 'vfile'
import type {UnspinMessage} from '../core/types.js'
import {loadConfig} from '../engine/config.js'
import {UsageError, type Engine} from '../engine/index.js'
import {fixSources, toEdit, type Cleaned} from '../inputs/fix.js'
import {engineInput, toSourceEdits, type Source} from '../inputs/index.js'
import {interactiveFix} from './interactive.js'
import {
  OutputClosed,
  addCommonOptions,
  engineFrom,
  inputOptions,
  openInputs,
  reportErrors,
  useColor,
  type CommonOptions,
  type Io
} from './shared.js'

export interface FixOptions extends CommonOptions {
  write?: boolean
  diff?: boolean
  interactive?: boolean
}

export function registerFix(program: Command, io: Io, run: (code: number) => void): void {
  addCommonOptions(program.command('fix').argument('[paths...]', 'files, directories or globs (default: stdin)'), {minConfidence: 0.9})
    .description('apply the proposals unspin is sure of (confidence >= 0.9 by default)')
    .option('--write', 'rewrite the files in place (atomically)')
    .option('--diff', 'print a unified diff instead of the fixed text')
    .option('-i, --interactive', 'decide on each suggestion (confidence >= 0.5 by default), like git add -p')
    .action(async (paths: string[], options: FixOptions) => run(await fix(paths, options, io)))
}

export async function fix(paths: string[], options: FixOptions, io: Io): Promise<number> {
  if (options.write && options.diff) throw new UsageError('--write and --diff cannot be combined')
  const config = loadConfig(options.config, io.cwd)
  // Interactive review is for what falls below the automatic threshold.
  const engine = engineFrom(options, io, options.interactive ? (config.minConfidence ?? 0.5) : (config.fixConfidence ?? 0.9), config)
  const {sources, errors} = await openInputs(paths, options, io)
  if ((options.write || options.interactive) && sources.some((source) => source.input.path === '<stdin>')) {
    throw new UsageError(`${options.write ? '--write' : '--interactive'} needs files; stdin is fixed to stdout`)
  }
  if (options.interactive) {
    await interactive(sources, engine, options, io)
  } else {
    if (!options.write && !options.diff && sources.length > 1) {
      throw new UsageError('several inputs: use --write or --diff (fixed text goes to stdout only for one input)')
    }
    // The first round's messages, to say which proposals lost to a more confident one.
    let first: VFile[] | undefined
    const recording: Engine = {
      ...engine,
      check(inputs) {
        const files = engine.check(inputs)
        first ??= files
        return files
      }
    }
    const results = fixSources(sources, recording, inputOptions(options))
    let at = 0
    for (const result of results) {
      const messages = first ? first.slice(at, at + result.source.docs.length).map((file) => file.messages as UnspinMessage[]) : []
      at += result.source.docs.length
      try {
        await emit(result, overlapped(result.source, messages), options, io)
      } catch (error) {
        // The reader has what it wanted (`| head`): nothing more to show.
        if (error instanceof OutputClosed) break
        // One file that cannot be written must not stop the others.
        if (error instanceof InputError) errors.push(error)
        else throw error
      }
    }
  }
  reportErrors(errors, io)
  return errors.length > 0 ? 2 : 0
}

async function emit(result: Cleaned, lost: Lost[], options: FixOptions, io: Io) {
  const {source, text} = result
  const before = source.input.text
  const tell = () => {
    io.stderr(`${source.input.path}: ${summary(result, lost.length)}\n`)
    for (const one of lost) io.stderr(`  ${describeLost(one)}\n`)
  }
  if (options.diff) {
    if (result.skipped > 0) tell()
    // The byte order mark is not part of the text but is part of the file the patch applies to.
    const bom = source.input.bom ? '\uFEFF' : ''
    if (text !== before) io.stdout(diffLibrary().createTwoFilesPatch(source.input.path, source.input.path, bom + before, bom + text, '', '', {context: 3}))
    return
  }
  if (options.write) {
    if (text !== before) await writeTextFile(source.input, text)
    tell()
    return
  }
  if (result.skipped > 0) tell()
  // The byte order mark is not part of the text but is part of the file.
  io.stdout((source.input.bom ? '\uFEFF' : '') + text)
}

async function interactive(sources: Source[], engine: ReturnType<typeof engineFrom>, options: FixOptions, io: Io) {
  const entries = sources.flatMap((source) => source.docs.map((doc, index) => ({source, doc, index})))
  const files = engine.check(entries.map(({source, doc}) => engineInput(source, doc)))
  const edits = await interactiveFix(
    entries.map(({doc}) => ({path: doc.path, text: doc.text})),
    files.map((file) => file.messages as UnspinMessage[]),
    {input: process.stdin, write: io.stdout, color: useColor(options, io)}
  )
  for (const source of sources) {
    const perDoc: Edit[][] = source.docs.map(() => [])
    entries.forEach((entry, at) => {
      if (entry.source === source) perDoc[entry.index] = edits[at] ?? []
    })
    const rendered = source.render(perDoc)
    if (rendered.text !== source.input.text) await writeTextFile(source.input, rendered.text)
    io.stderr(`${source.input.path}: ${rendered.applied} applied${rendered.skipped ? `, ${rendered.skipped} not applied` : ''}\n`)
  }
}

/**
 * `N fixes applied, M not applied (…)`; `overlapped` of the M (when known)
 * lost to a more confident fix, the others would have edited something
 * other than prose.
 */
export function summary(result: Pick<Cleaned, 'applied' | 'skipped'>, overlapped?: number): string {
  const parts = [`${result.applied} fix${result.applied === 1 ? '' : 'es'} applied`]
  if (result.skipped > 0) {
    const outside = overlapped === undefined ? 0 : Math.max(0, result.skipped - overlapped)
    const why =
      overlapped === undefined
        ? 'overlapped by a more confident fix, or outside prose'
        : outside === 0
          ? 'overlapped by a more confident fix'
          : overlapped === 0
            ? 'outside prose'
            : `${overlapped} overlapped by a more confident fix, ${outside} outside prose`
    parts.push(`${result.skipped} not applied (${why})`)
  }
  return parts.join(', ')
}

/** A proposal that was not applied because a more confident one overlaps it. */
interface Lost {
  /** The document it is in (the file, or `file.jsonl:LINE`). */
  path: string
  /** A JSONL record: line and column are in the record's text. */
  record: boolean
  message: UnspinMessage
  winner: UnspinMessage
}

interface Proposal extends Edit {
  message: UnspinMessage
}

/**
 * The proposals of a file's first round that lost to a more confident
 * overlapping one, settled as the file's `render` settles them: a text,
 * Markdown or HTML file in the file's own offsets (outside prose dropped,
 * one edit per place), a JSONL record in its own text.
 */
function overlapped(source: Source, messages: UnspinMessage[][]): Lost[] {
  const lost: Lost[] = []
  const settle = (path: string, text: string, proposals: Proposal[], record = false) => {
    const {applied, skipped} = applyEdits(text, proposals)
    skipped.sort((a, b) => a.start - b.start || a.end - b.end)
    for (const edit of skipped) {
      const winner = applied.find((other) => overlaps(edit, other))
      if (winner) lost.push({path, record, message: edit.message, winner: winner.message})
    }
  }
  const proposals = (index: number) =>
    (messages[index] ?? []).filter((message) => message.expected.length > 0).map((message) => ({...toEdit(message), message}))
  if (source.format === 'jsonl') {
    source.docs.forEach((doc, index) => settle(doc.path, doc.text, proposals(index), true))
  } else {
    const doc = source.docs[0]
    if (!doc) return lost
    const {mapped} = toSourceEdits(doc, proposals(0))
    settle(
      doc.path,
      source.input.text,
      mapped.map(({edit, target}) => ({...target, confidence: edit.confidence, message: edit.message}))
    )
  }
  return lost
}

/** `path:line:column  ruleId  `actual` → `expected`  confidence  overlaps ruleId`, on one line. */
function describeLost({path, record, message, winner}: Lost): string {
  const start = startOf(message)
  const where = record ? `${path} ${start.line}:${start.column}` : `${path}:${start.line}:${start.column}`
  return [
    where,
    message.ruleId,
    `\`${oneLine(message.actual)}\` → \`${oneLine(message.expected[0] ?? '')}\``,
    message.confidence.toFixed(2),
    `overlaps ${winner.ruleId} (${winner.confidence.toFixed(2)})`
  ].join('  ')
}

function startOf(message: UnspinMessage): {line: number; column: number} {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  return {line: start?.line ?? 1, column: start?.column ?? 1}
}

/** Whether two edits compete for one place (as `applyEdits` decides it). */
function overlaps(a: Edit, b: Edit): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end
  return a.start < b.end && b.start < a.end
}

/** A span as one line of a message (line breaks shown as ⏎). */
function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, '⏎')
}
