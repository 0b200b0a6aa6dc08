/**
 * `unspin clean [PATH ...]`: the one command a corpus pipeline needs. Fix
 * restricted to the cleanup families (boilerplate, glued, mojibake,
 * spintax): files in (text, Markdown, HTML, JSONL; stdin), clean files or
 * JSONL out, one summary line per file on stderr, a progress bar on a
 * terminal for long runs.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {Command} from 'commander'
import cliProgress from 'cli-progress'
import {InputError, describeFsError, writeTextFile} from '../core/io.js'
import type {Family} from '../core/types.js'
import {loadConfig} from '../engine/config.js'
import {UsageError} from '../engine/index.js'
import {openSource} from '../inputs/index.js'
import {fixSources, type Cleaned} from '../inputs/fix.js'
import {addCommonOptions, engineFrom, openInputs, reportErrors, type CommonOptions, type Io} from './shared.js'

export const CLEAN_FAMILIES: Family[] = ['boilerplate', 'glued', 'mojibake', 'spintax']
/** Calibrated so that what `clean` removes is right at least this often. */
export const CLEAN_CONFIDENCE = 0.7
/** Runs with at least this many files get a progress bar on a terminal. */
const PROGRESS_FROM = 20

export interface CleanOptions extends CommonOptions {
  write?: boolean
  outDir?: string
  jsonl?: string
}

export function registerClean(program: Command, io: Io, run: (code: number) => void): void {
  addCommonOptions(program.command('clean').argument('[paths...]', 'files, directories or globs (default: stdin)'), {
    minConfidence: CLEAN_CONFIDENCE
  })
    .description(`remove page furniture, split glued words, repair mojibake and template debris (${CLEAN_FAMILIES.join(', ')})`)
    .option('--write', 'rewrite the files in place (atomically)')
    .option('--out-dir <dir>', 'write cleaned files under this folder, same relative paths')
    .option('--jsonl <file>', 'write every cleaned document as one JSON line {"path","text"} (`-` for stdout)')
    .action(async (paths: string[], options: CleanOptions) => run(await clean(paths, options, io)))
}

export async function clean(paths: string[], options: CleanOptions, io: Io): Promise<number> {
  const outputs = [options.write, options.outDir, options.jsonl].filter(Boolean).length
  if (outputs > 1) throw new UsageError('choose one of --write, --out-dir and --jsonl')
  const config = loadConfig(options.config, io.cwd)
  const only = (options.only && options.only.length > 0 ? options.only : CLEAN_FAMILIES).filter(
    (family) => CLEAN_FAMILIES.includes(family as Family) && !options.disable?.includes(family)
  )
  if (only.length === 0) throw new UsageError(`nothing to clean: \`clean\` runs ${CLEAN_FAMILIES.join(', ')}`)
  const engine = engineFrom({...options, only, disable: undefined}, io, CLEAN_CONFIDENCE, config)
  const inputOptions = {field: options.field, extract: options.extract}

  const {sources, errors} = await openInputs(paths, options, io)
  if (!options.write && !options.outDir && !options.jsonl && sources.length > 1) {
    throw new UsageError('several inputs: choose --write, --out-dir or --jsonl')
  }
  if (options.write && sources.some((source) => source.input.path === '<stdin>')) {
    throw new UsageError('--write needs files; stdin is cleaned to stdout')
  }

  const bar =
    process.stderr.isTTY && sources.length >= PROGRESS_FROM
      ? new cliProgress.SingleBar({stream: process.stderr, format: 'cleaning [{bar}] {value}/{total} files', hideCursor: true}, cliProgress.Presets.shades_classic)
      : undefined
  bar?.start(sources.length, 0)
  const summaries: string[] = []
  const jsonLines: string[] = []
  // One engine run per batch: corpus passes see many files at once, memory stays bounded.
  const batch = 200
  for (let from = 0; from < sources.length; from += batch) {
    const chunk = sources.slice(from, from + batch)
    for (const result of fixSources(chunk, engine, inputOptions)) {
      try {
        await emit(result, options, io, jsonLines)
        summaries.push(`${result.source.input.path}: ${summary(result)}`)
      } catch (error) {
        // One file that cannot be written must not stop the others.
        if (error instanceof InputError) errors.push(error)
        else if (isFsError(error)) errors.push(new InputError(result.source.input.path, describeFsError(error)))
        else throw error
      }
      bar?.increment()
    }
    if (!bar) {
      for (const line of summaries.splice(0)) io.stderr(line + '\n')
    }
  }
  bar?.stop()
  for (const line of summaries) io.stderr(line + '\n')
  if (options.jsonl) {
    const text = jsonLines.join('')
    if (options.jsonl === '-') io.stdout(text)
    else {
      try {
        await writeTextFile({path: path.resolve(io.cwd, options.jsonl), text: '', bom: false}, text)
      } catch (error) {
        if (error instanceof InputError) errors.push(new InputError(options.jsonl, error.message))
        else throw error
      }
    }
  }
  reportErrors(errors, io)
  return errors.length > 0 ? 2 : 0
}

async function emit(result: Cleaned, options: CleanOptions, io: Io, jsonLines: string[]) {
  const {source, text} = result
  if (options.jsonl) {
    for (const doc of source.format === 'jsonl' ? openSource({...source.input, text}, {format: 'jsonl', field: options.field}).docs : [{path: source.input.path, text}]) {
      jsonLines.push(JSON.stringify({path: doc.path, text: doc.text}) + '\n')
    }
    return
  }
  if (options.write) {
    if (text !== source.input.text) await writeTextFile({...source.input, path: path.resolve(io.cwd, source.input.path)}, text)
    return
  }
  if (options.outDir) {
    const relative = path.isAbsolute(source.input.path) ? path.basename(source.input.path) : source.input.path.replace(/^(\.\.[/\\])+/, '')
    const target = path.resolve(io.cwd, options.outDir, relative)
    fs.mkdirSync(path.dirname(target), {recursive: true})
    await writeTextFile({...source.input, path: target}, text)
    return
  }
  io.stdout((source.input.bom ? '\uFEFF' : '') + text)
}

function isFsError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string'
}

export function summary(result: Cleaned): string {
  const parts: string[] = []
  const families = Object.entries(result.byFamily).filter(([, count]) => count > 0)
  if (result.applied === 0) parts.push('clean')
  else parts.push(`${result.applied} fix${result.applied === 1 ? '' : 'es'} (${families.map(([family, count]) => `${family} ${count}`).join(', ')})`)
  if (result.skipped > 0) parts.push(`${result.skipped} not applied`)
  const removed = result.source.input.text.length - result.text.length
  if (removed > 0) parts.push(`${removed} characters removed`)
  return parts.join(', ')
}
