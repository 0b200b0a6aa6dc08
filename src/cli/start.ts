/**
 * Run the command line for a process and set its exit code: what the
 * `unspin` bin does, whether it starts from the start-up snapshot
 * (`snapshot.ts`) or loads the modules itself.
 */
import v8 from 'node:v8'
import {main} from './main.js'

/**
 * A V8 option for the CLI's own process, set as it starts (a snapshot starts
 * only under the V8 options it was made with, so they cannot be given to
 * node). A check is over in a second or two, much of it spent before V8
 * has compiled the hot code: the compiling, on a helper thread, is what the
 * main thread waits for. With half the inlining budget a check of 3 MB
 * compiles for 0.6–0.7 s instead of 1.4–1.6 s (the parser about 25 ms
 * instead of 96), and took 4–9% less (medians of 10–20 runs); 9 MB took
 * no longer. The library leaves V8 as its host set it.
 */
const INLINING_BUDGET = '--max-inlined-bytecode-size-cumulative=460'

export function start(argv: string[]): Promise<void> {
  v8.setFlagsFromString(INLINING_BUDGET)
  return main(argv).then(
    (code) => {
      // Every command writes its output before it returns (`writeFully`): nothing is left to
      // flush. Left to wind down by itself, Node.js would also dispose of the heap page by page,
      // about 30 ms after a check of 3 MB (timed as the idle end of its profiles), for a process
      // that is ending anyway.
      process.exit(code)
    },
    (error: unknown) => {
      // Anything reaching here is a bug in unspin, not bad input: say so in one line.
      console.error(`unspin: internal error: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 2
    }
  )
}
