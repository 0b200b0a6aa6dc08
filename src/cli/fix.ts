/**
 * `unspin fix [PATH ...]`: apply the best proposal of every message at or
 * above the fix threshold (default 0.9). Stdin in, fixed text out; `--write`
 * rewrites files atomically; `--diff` prints a unified diff.
 */
import type {Command} from 'commander'
import {createTwoFilesPatch} from 'diff'
import {writeTextFile, type TextInput} from '../core/io.js'
import {loadConfig} from '../engine/config.js'
import {fixText, type FixOutcome} from '../engine/fix.js'
import {UsageError} from '../engine/index.js'
import {addCommonOptions, engineFrom, readInputs, reportErrors, type CommonOptions, type Io} from './shared.js'

export interface FixOptions extends CommonOptions {
  write?: boolean
  diff?: boolean
}

export function registerFix(program: Command, io: Io, run: (code: number) => void): void {
  addCommonOptions(program.command('fix').argument('[paths...]', 'files, directories or globs (default: stdin)'), {minConfidence: 0.9})
    .description('apply the proposals unspin is sure of (confidence >= 0.9 by default)')
    .option('--write', 'rewrite the files in place (atomically)')
    .option('--diff', 'print a unified diff instead of the fixed text')
    .action(async (paths: string[], options: FixOptions) => run(await fix(paths, options, io)))
}

export async function fix(paths: string[], options: FixOptions, io: Io, families?: readonly string[]): Promise<number> {
  if (options.write && options.diff) throw new UsageError('--write and --diff cannot be combined')
  const config = loadConfig(options.config, io.cwd)
  const engine = engineFrom(
    families ? {...options, only: [...families].filter((f) => !options.disable?.includes(f))} : options,
    io,
    config.fixConfidence ?? 0.9,
    config
  )
  const {inputs, errors} = await readInputs(paths, io)
  if (options.write && inputs.some((input) => input.path === '<stdin>')) {
    throw new UsageError('--write needs files; stdin is fixed to stdout')
  }
  for (const input of inputs) {
    const outcome = fixText(input.text, engine, input.path)
    for (const skipped of outcome.skipped) {
      io.stderr(`${input.path}:${skipped.line}:${skipped.column}: not applied: ${skipped.reason} (overlaps a more confident fix)\n`)
    }
    await emit(input, outcome, options, io)
  }
  reportErrors(errors, io)
  return errors.length > 0 ? 2 : 0
}

async function emit(input: TextInput, outcome: FixOutcome, options: FixOptions, io: Io) {
  if (options.diff) {
    if (outcome.text !== input.text) {
      io.stdout(createTwoFilesPatch(input.path, input.path, input.text, outcome.text, '', '', {context: 3}))
    }
    return
  }
  if (options.write) {
    if (outcome.text !== input.text) await writeTextFile(input, outcome.text)
    io.stderr(`${input.path}: ${summary(outcome)}\n`)
    return
  }
  io.stdout(outcome.text)
}

export function summary(outcome: FixOutcome): string {
  const applied = outcome.applied.length
  const parts = [`${applied} fix${applied === 1 ? '' : 'es'} applied`]
  if (outcome.skipped.length > 0) parts.push(`${outcome.skipped.length} not applied`)
  return parts.join(', ')
}
