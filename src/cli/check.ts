/**
 * `unspin check [PATH|GLOB ...]`: report findings. Exit 0 when nothing is
 * reported, 1 when something is, 2 on usage, input or configuration errors.
 */
import type {Command} from 'commander'
import {toReport, writeJson, type JsonReport} from '../report/json.js'
import {writeText} from '../report/text.js'
import {loadConfig} from '../engine/config.js'
import {UsageError} from '../engine/index.js'
import {writeSarif} from '../report/sarif.js'
import {writeGithub} from '../report/github.js'
import {buffered, type Write} from '../report/write.js'
import {VERSION} from '../version.js'
import {engineInputs} from '../inputs/index.js'
import {OutputClosed, addCommonOptions, engineFrom, openInputs, reportErrors, useColor, type CommonOptions, type Io} from './shared.js'

export interface CheckOptions extends CommonOptions {
  failOn?: string
}

/** Output formats: each a view of the JSON report, written in pieces (its size is bounded by the disk only). */
export const FORMATS: Record<string, (report: JsonReport, write: Write, options: {color: boolean; failed: number}) => void> = {
  text: (report, write, options) => writeText(report, write, {color: options.color, failed: options.failed}),
  json: (report, write) => writeJson(report, write),
  sarif: (report, write) => writeSarif(report, write, {version: VERSION}),
  github: (report, write) => writeGithub(report, write)
}

export function registerCheck(program: Command, io: Io, run: (code: number) => void): void {
  const describe = (command: Command) =>
    addCommonOptions(command, {minConfidence: 0.5})
      .option('--format <format>', `output format: ${Object.keys(FORMATS).join('|')} (default: text)`)
      .option('--fail-on <level>', 'exit 1 only for findings at or above this confidence (0..1) or severity (info|warning|error) (default: any reported finding)')
      .action(async (paths: string[], options: CheckOptions) => run(await check(paths, options, io)))

  describe(program.command('check', {isDefault: true}).argument('[paths...]', 'files, directories or globs (default: stdin)').description('report spun text, name variants and scrape artifacts'))
}

export async function check(paths: string[], options: CheckOptions, io: Io): Promise<number> {
  const format = options.format ?? 'text'
  const formatter = FORMATS[format]
  if (!formatter) throw new UsageError(`--format: unknown format \`${format}\` (expected ${Object.keys(FORMATS).join(', ')})`)
  const failOn = parseFailOn(options.failOn)
  const config = loadConfig(options.config, io.cwd)
  const engine = engineFrom(options, io, config.minConfidence ?? 0.5, config)
  const {sources, errors} = await openInputs(paths, options, io)
  const files = engine.check(engineInputs(sources))
  const report = toReport(files)
  const failing = report.files.some((file) => file.messages.some(failOn))
  const code = errors.length > 0 ? 2 : failing ? 1 : 0
  const out = buffered(io.stdout)
  try {
    formatter(report, out.write, {color: useColor(options, io), failed: errors.length})
    out.flush()
  } catch (error) {
    // The reader has what it wanted (`| head`): the exit code is still the run's.
    if (!(error instanceof OutputClosed)) throw error
  }
  reportErrors(errors, io)
  return code
}

const SEVERITY = {info: 0, warning: 1, error: 2} as const

function parseFailOn(value: string | undefined): (message: {confidence: number; severity: keyof typeof SEVERITY}) => boolean {
  if (value === undefined) return () => true
  if (value in SEVERITY) {
    const level = SEVERITY[value as keyof typeof SEVERITY]
    return (message) => SEVERITY[message.severity] >= level
  }
  const threshold = Number(value)
  if (value.trim() === '' || !Number.isFinite(threshold) || threshold < 0 || threshold > 1) {
    throw new UsageError(`--fail-on: expected a confidence between 0 and 1 or info|warning|error, not \`${value}\``)
  }
  return (message) => message.confidence >= threshold
}
