/**
 * Run the command line for a process and set its exit code: what the
 * `unspin` bin does, whether it starts from the start-up snapshot
 * (`snapshot.ts`) or loads the modules itself.
 */
import v8 from 'node:v8'
import {main} from './main.js'

/**
 * V8 options for the CLI's own process, set as it starts (a snapshot starts
 * only under the V8 options it was made with, so they cannot be given to
 * node). A check is over in a second or two, most of it spent before V8
 * has compiled the hot code: the compiling, on a helper thread, is what the
 * main thread waits for, and half as much inlining halves the biggest jobs
 * (the parser's first took 96 ms). Checking 3 MB took 4–9% less (medians
 * of 10–20 runs), and 9 MB no longer.
 */
const V8_OPTIONS = ['--max-inlined-bytecode-size-cumulative=460']

export function start(argv: string[]): Promise<void> {
  for (const option of V8_OPTIONS) v8.setFlagsFromString(option)
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
