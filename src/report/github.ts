/**
 * GitHub Actions workflow commands: one `::warning file=…,line=…,col=…::…`
 * line per message, which the Actions runner shows as an annotation on the
 * pull request diff.
 */
import {fileLocation, type JsonMessage, type JsonReport} from './json.js'
import {collect, type Write} from './write.js'

const COMMAND: Record<JsonMessage['severity'], 'error' | 'warning' | 'notice'> = {error: 'error', warning: 'warning', info: 'notice'}

export function formatGithub(report: JsonReport): string {
  return collect((write) => writeGithub(report, write))
}

/** One command per message, written as it is made. */
export function writeGithub(report: JsonReport, write: Write): void {
  for (const file of report.files) {
    for (const message of file.messages) {
      const at = fileLocation(file.path, message)
      const properties = [
        `file=${escapeProperty(at.file)}`,
        `line=${at.line}`,
        ...(at.column === undefined ? [] : [`col=${at.column}`]),
        `endLine=${at.endLine}`,
        ...(at.endColumn === undefined ? [] : [`endColumn=${at.endColumn}`]),
        `title=${escapeProperty(`${message.ruleId} (confidence ${message.confidence})`)}`
      ]
      const text = message.note ? `${message.reason}. ${message.note}` : message.reason
      write(`::${COMMAND[message.severity]} ${properties.join(',')}::${escapeData(text)}\n`)
    }
  }
}

/** Escaping the runner expects in a command's message. */
function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escaping the runner expects in a property value (also `:` and `,`). */
function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}
