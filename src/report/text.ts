/**
 * A vfile-reporter style listing, with each message's confidence.
 */
import pc from 'picocolors'
import type {JsonReport} from './json.js'
import {collect, type Write} from './write.js'

export interface TextOptions {
  color?: boolean
  /** Print files without messages too (default: false). */
  verbose?: boolean
  /** Inputs (or parts of them) that could not be read, reported elsewhere (default: 0). */
  failed?: number
}

export function formatText(report: JsonReport, options: TextOptions = {}): string {
  return collect((write) => writeText(report, write, options))
}

/** The listing, written a line at a time. */
export function writeText(report: JsonReport, write: Write, options: TextOptions = {}): void {
  const c = pc.createColors(options.color ?? false)
  let total = 0
  for (const file of report.files) {
    if (file.messages.length === 0 && !options.verbose) continue
    const score = file.spinScore === null ? '' : c.dim(`  spin score ${file.spinScore.toFixed(2)}`)
    write(c.underline(file.path) + score + '\n')
    const rows = file.messages.map((message) => [
      `${message.line}:${message.column}-${message.endLine}:${message.endColumn}`,
      message.severity,
      message.reason,
      message.ruleId,
      message.confidence.toFixed(2)
    ])
    // A loop, not Math.max(...): a file can have more messages than a call can take arguments.
    const widths = [0, 0, 0, 0]
    for (const row of rows) {
      for (let column = 0; column < 4; column++) widths[column] = Math.max(widths[column]!, row[column]!.length)
    }
    for (const row of rows) {
      const [place, severity, reason, rule, confidence] = row as [string, string, string, string, string]
      const tint = severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue
      write(
        `  ${c.dim(place.padEnd(widths[0]!))}  ${tint(severity.padEnd(widths[1]!))}  ${reason.padEnd(widths[2]!)}  ${c.dim(rule.padEnd(widths[3]!))}  ${confidenceBar(Number(confidence), c)} ${confidence}\n`
      )
    }
    total += file.messages.length
    write('\n')
  }
  const failed = options.failed ?? 0
  if (total > 0) write(c.yellow(`⚠ ${total} finding${total === 1 ? '' : 's'}`) + '\n')
  else if (failed === 0) write(c.green('✓ no findings') + '\n')
  // Nothing was read: nothing to say here (the errors are on stderr).
  else if (report.files.length > 0) write(`no findings in what could be read (${failed} error${failed === 1 ? '' : 's'})\n`)
}

function confidenceBar(value: number, c: ReturnType<typeof pc.createColors>): string {
  const filled = Math.round(value * 5)
  const tint = value >= 0.9 ? c.green : value >= 0.7 ? c.yellow : c.dim
  return tint('█'.repeat(filled)) + c.dim('░'.repeat(5 - filled))
}
