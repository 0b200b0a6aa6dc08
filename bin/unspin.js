#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` (the `prepare` script).
import {main} from '../dist/cli/main.js'

main(process.argv).then(
  (code) => {
    process.exitCode = code
  },
  (error) => {
    // Anything reaching here is a bug in unspin, not bad input: say so in one line.
    console.error(`unspin: internal error: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 2
  }
)
