/**
 * Command-line options of the project's scripts: `parseArgs`, with a bad
 * option reported as one line and exit code 2, as the CLI does, instead of
 * a stack trace.
 */
import path from 'node:path'
import {parseArgs} from 'node:util'

/** The parsed option values, or exit 2 with `script: what is wrong`. */
export function scriptOptions(options) {
  try {
    return parseArgs({options}).values
  } catch (error) {
    console.error(`${path.basename(process.argv[1] ?? 'script', '.js')}: ${error.message}`)
    process.exit(2)
  }
}
