#!/usr/bin/env node
// The CLI is compiled to dist/ by `npm ci` (the `prepare` script), which also
// saves its start-up as a snapshot where it can (see dist/cli/launch.js).
import {launch} from '../dist/cli/launch.js'

const code = await launch(process.argv)
if (code === undefined) {
  const {start} = await import('../dist/cli/start.js')
  await start(process.argv)
} else {
  process.exitCode = code
}
