/**
 * What every command shares: options, reading inputs (files, directories,
 * globs, stdin), and turning errors into one line and exit code 2.
 */
import fs from 'node:fs'
import path from 'node:path'
import {Option, type Command} from 'commander'
import {InputError, decodeText, readTextFileSync, type TextInput} from '../core/io.js'
import {ConfigError} from '../rules/yaml.js'
import {expandInputs} from '../engine/inputs.js'
import {loadConfig, type Config} from '../engine/config.js'
import {UsageError, createEngine, type Engine} from '../engine/index.js'
import {pathFilter} from '../engine/ignore.js'
import {FORMATS, INPUT_EXTENSIONS, isFormat, openSource, type Format, type InputOptions, type Source} from '../inputs/index.js'

export interface CommonOptions {
  format?: string
  minConfidence?: number
  only?: string[]
  disable?: string[]
  rules?: string[]
  fingerprints?: string[]
  config?: string
  names?: string
  field?: string
  extract?: boolean
  stdinFormat?: string
  color?: boolean
}

export interface Io {
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<Buffer>
  stdinIsTty: boolean
  stdoutIsTty: boolean
  cwd: string
}

export function nodeIo(): Io {
  return {
    stdout: (text) => writeFully(1, text),
    stderr: (text) => writeFully(2, text),
    readStdin: async () => {
      const chunks: Buffer[] = []
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks)
    },
    stdinIsTty: Boolean(process.stdin.isTTY),
    stdoutIsTty: Boolean(process.stdout.isTTY),
    cwd: process.cwd()
  }
}

/**
 * Standard output was closed by its reader (`unspin check | head`): the
 * run ends quietly, with the exit code it has so far.
 */
export class OutputClosed extends Error {
  override name = 'OutputClosed'
  constructor() {
    super('standard output is closed')
  }
}

/** Descriptors whose reader has gone away. */
const closed = new Set<number>()

/**
 * Write all of a text to a file descriptor before returning. A stream would
 * queue what a slow pipe has not taken yet in memory (without bound, for a
 * large report); a synchronous write waits for the reader instead. A closed
 * stdout throws `OutputClosed`; a closed stderr drops what is written.
 */
export function writeFully(fd: number, text: string): void {
  if (closed.has(fd)) {
    if (fd === 1) throw new OutputClosed()
    return
  }
  const bytes = Buffer.from(text, 'utf8')
  let offset = 0
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset, bytes.length - offset)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EAGAIN') {
        // A non-blocking descriptor (inherited from the parent) that is full: wait for the reader.
        Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 5)
        continue
      }
      if (code !== 'EPIPE') throw error
      closed.add(fd)
      if (fd === 1) throw new OutputClosed()
      return
    }
  }
}

/** Made when first needed: a start-up snapshot (see `snapshot.ts`) is built where SharedArrayBuffer does not exist. */
let pause: Int32Array | undefined

export function confidence(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 1) {
    throw new UsageError(`expected a confidence between 0 and 1, not \`${value}\``)
  }
  return number
}

export function families(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((name) => name.trim()).filter(Boolean)]
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}

/** Options shared by `check`, `fix` and the commands built on them. */
export function addCommonOptions(command: Command, defaults: {minConfidence: number}): Command {
  return command
    .option('--min-confidence <x>', `only messages at or above this confidence (default: ${defaults.minConfidence})`, confidence)
    .option('--only <families>', 'run only these families (comma-separated)', families)
    .option('--disable <families>', 'skip these families (comma-separated)', families)
    .option('--rules <file>', 'add a rule file (repeatable)', collect)
    .option('--fingerprints <file>', 'add a tortured-phrase list: PPS CSV or JSON (repeatable)', collect)
    .option('--config <file>', 'configuration file (default: unspin.config.{json,yml} or package.json "unspin", searched upwards)')
    .option('--names <file>', 'house name registry (default: rules/names.yml)')
    .option('--field <name>', 'JSONL input: the field that holds the text (default: text)')
    .option('--extract', 'HTML input: check only the article body Readability finds')
    .option('--stdin-format <format>', `format of stdin: ${FORMATS.join(', ')} (default: txt)`)
    .addOption(new Option('--no-color', 'plain output'))
}

export interface Opened {
  sources: Source[]
  errors: InputError[]
}

export function inputOptions(options: CommonOptions): InputOptions {
  return {field: options.field, extract: options.extract}
}

/**
 * Open every input in its format (txt, md, html, jsonl; stdin per
 * `--stdin-format`); a bad one is an error for that input only. Directory
 * walks and globs skip what `.unspinignore` lists.
 */
export async function openInputs(paths: readonly string[], options: CommonOptions, io: Io): Promise<Opened> {
  if (options.stdinFormat !== undefined && !isFormat(options.stdinFormat)) {
    throw new UsageError(`--stdin-format: unknown format \`${options.stdinFormat}\` (expected one of ${FORMATS.join(', ')})`)
  }
  const sources: Source[] = []
  const errors: InputError[] = []
  const open = async (read: () => Promise<TextInput>, format?: Format) => {
    try {
      const source = openSource(await read(), {...inputOptions(options), format})
      sources.push(source)
      // A loop, not push(...): a JSONL file can have more broken records than a call can take arguments.
      for (const error of source.errors ?? []) errors.push(error)
    } catch (error) {
      if (error instanceof InputError) errors.push(error)
      else throw error
    }
  }
  const stdin = () => open(async () => decodeText('<stdin>', await io.readStdin()), (options.stdinFormat as Format | undefined) ?? 'txt')
  if (paths.length === 0) {
    if (io.stdinIsTty) throw new UsageError('no input: give a PATH or pipe text on stdin')
    await stdin()
    return {sources, errors}
  }
  const keep = pathFilter(io.cwd)
  const seen = new Set<string>()
  let stdinRead = false
  // `-` is stdin, in its place among the paths (read once, however often it is given).
  for (const group of groupPaths(paths)) {
    if (group === STDIN) {
      if (!stdinRead) await stdin()
      stdinRead = true
      continue
    }
    const expanded = await expandInputs(group, io.cwd, INPUT_EXTENSIONS)
    for (const error of expanded.errors) errors.push(error)
    for (const file of expanded.files.filter(keep)) {
      const absolute = path.resolve(io.cwd, file)
      if (seen.has(absolute)) continue
      seen.add(absolute)
      await open(async () => {
        try {
          return {...readTextFileSync(absolute), path: file}
        } catch (error) {
          // Name the input as the user gave it, not as it was resolved.
          throw error instanceof InputError ? new InputError(file, error.message) : error
        }
      })
    }
  }
  return {sources, errors}
}

const STDIN = '-'

/** Runs of paths between the `-`s, and each `-` on its own. */
function groupPaths(paths: readonly string[]): Array<string[] | typeof STDIN> {
  const groups: Array<string[] | typeof STDIN> = []
  let run: string[] = []
  for (const item of paths) {
    if (item !== STDIN) {
      run.push(item)
      continue
    }
    if (run.length > 0) groups.push(run)
    run = []
    groups.push(STDIN)
  }
  if (run.length > 0) groups.push(run)
  return groups
}

export function engineFrom(options: CommonOptions, io: Io, defaultMin: number, config?: Config): Engine {
  const loaded = config ?? loadConfig(options.config, io.cwd)
  const given = [...(options.rules ?? []), ...(options.fingerprints ?? []), ...(options.names ? [options.names] : [])]
  // Paths on the command line are the caller's (`io.cwd`), as inputs are;
  // errors still name them as given (`asGiven`).
  const own = (file: string) => path.resolve(io.cwd, file)
  // Rule files are read when the engine is made and when it first runs.
  const engine = asGiven(given, io.cwd, () =>
    createEngine({
      only: options.only,
      disable: options.disable,
      minConfidence: options.minConfidence ?? defaultMin,
      rules: options.rules?.map(own),
      fingerprints: options.fingerprints?.map(own),
      names: options.names === undefined ? undefined : own(options.names),
      config: loaded
    })
  )
  return {...engine, check: (inputs) => asGiven(given, io.cwd, () => engine.check(inputs))}
}

/**
 * Run `make`; a broken file among `given` (which the loaders may have
 * resolved to an absolute path) is reported as the user wrote it.
 */
function asGiven<T>(given: readonly string[], cwd: string, make: () => T): T {
  const named = (file: string) => given.find((item) => item !== file && path.resolve(cwd, item) === path.resolve(cwd, file))
  try {
    return make()
  } catch (error) {
    if (error instanceof ConfigError) {
      const name = named(error.file)
      throw name === undefined ? error : new ConfigError(name, error.line, error.reason)
    }
    if (error instanceof InputError) {
      // A list's reader names `FILE` or `FILE:LINE`.
      const [, file = error.path, line = ''] = /^(.*?)(:\d+)?$/.exec(error.path) ?? []
      const name = named(file)
      throw name === undefined ? error : new InputError(name + line, error.message)
    }
    throw error
  }
}

export function reportErrors(errors: readonly InputError[], io: Io): void {
  for (const error of errors) io.stderr(`unspin: ${error.toString()}\n`)
}

export function useColor(options: CommonOptions, io: Io): boolean {
  if (options.color === false || process.env.NO_COLOR) return false
  if (process.env.FORCE_COLOR) return true
  return io.stdoutIsTty
}
