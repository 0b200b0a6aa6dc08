/**
 * Run the command line for a process and set its exit code: what the
 * `unspin` bin does, whether it starts from the start-up snapshot
 * (`snapshot.ts`) or loads the modules itself.
 */
import {main} from './main.js'

export function start(argv: string[]): Promise<void> {
  return main(argv).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      // Anything reaching here is a bug in unspin, not bad input: say so in one line.
      console.error(`unspin: internal error: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 2
    }
  )
}
