/**
 * The `unspin` command line. Commands live in their own modules; this file
 * wires them up and turns every error into one line and an exit code.
 */
import {Command, CommanderError} from 'commander'
import {InputError} from '../core/io.js'
import {UsageError} from '../engine/index.js'
import {registerCheck} from './check.js'
import {registerFix} from './fix.js'
import {registerNames} from './names.js'
import {registerReview} from './review.js'
import {registerApply} from './apply.js'
import {registerClean} from './clean.js'
import {OutputClosed, nodeIo, type Io} from './shared.js'
import {VERSION} from '../version.js'

export async function main(argv: string[], io: Io = nodeIo()): Promise<number> {
  let code = 0
  const program = new Command()
    .name('unspin')
    .description('Find and repair spun text, inconsistent name spellings and scrape artifacts.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({writeOut: io.stdout, writeErr: io.stderr})
    .showSuggestionAfterError()
  const run = (result: number) => {
    code = result
  }
  registerCheck(program, io, run)
  registerFix(program, io, run)
  registerNames(program, io, run)
  registerReview(program, io, run)
  registerApply(program, io, run)
  registerClean(program, io, run)

  try {
    await program.parseAsync(argv)
    return code
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? 0 : 2
    }
    // Standard output closed by its reader (`unspin names cluster | head`): end quietly.
    if (error instanceof OutputClosed) return code
    if (error instanceof InputError || error instanceof UsageError) {
      io.stderr(`unspin: ${error instanceof InputError ? error.toString() : error.message}\n`)
      return 2
    }
    throw error
  }
}

