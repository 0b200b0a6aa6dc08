/**
 * `unspin fix [PATH ...]`: apply the best proposal of every message at or
 * above the fix threshold (default 0.9). Stdin in, fixed text out; `--write`
 * rewrites files atomically; `--diff` prints a unified diff; `--interactive`
 * asks about each suggestion like `git add -p`.
 */
import type {Command} from 'commander'
import {createTwoFilesPatch} from 'diff'
import {InputError, writeTextFile} from '../core/io.js'
import type {Edit} from '../core/edits.js'
import type {UnspinMessage} from '../core/types.js'
import {loadConfig} from '../engine/config.js'
import {UsageError} from '../engine/index.js'
import {fixSources, type Cleaned} from '../inputs/fix.js'
import {engineInput, type Source} from '../inputs/index.js'
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
    for (const result of fixSources(sources, engine, inputOptions(options))) {
      try {
        await emit(result, options, io)
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

async function emit(result: Cleaned, options: FixOptions, io: Io) {
  const {source, text} = result
  const before = source.input.text
  if (options.diff) {
    if (result.skipped > 0) io.stderr(`${source.input.path}: ${summary(result)}\n`)
    // The byte order mark is not part of the text but is part of the file the patch applies to.
    const bom = source.input.bom ? '\uFEFF' : ''
    if (text !== before) io.stdout(createTwoFilesPatch(source.input.path, source.input.path, bom + before, bom + text, '', '', {context: 3}))
    return
  }
  if (options.write) {
    if (text !== before) await writeTextFile(source.input, text)
    io.stderr(`${source.input.path}: ${summary(result)}\n`)
    return
  }
  if (result.skipped > 0) io.stderr(`${source.input.path}: ${summary(result)}\n`)
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

export function summary(result: Pick<Cleaned, 'applied' | 'skipped'>): string {
  const parts = [`${result.applied} fix${result.applied === 1 ? '' : 'es'} applied`]
  if (result.skipped > 0) parts.push(`${result.skipped} not applied (overlapped by a more confident fix, or outside prose)`)
  return parts.join(', ')
}
