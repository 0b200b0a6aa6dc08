import os from 'node:os'
import path from 'node:path'
import {spawnSync} from 'node:child_process'
import {expect, it} from 'vitest'
import {tempDir} from './helpers/cli.js'

// test/helpers/temp-root.ts: what the tests and the CLIs they run make in
// the temporary folder goes under one folder of this run, removed at its end.
it('makes temporary folders under one folder of the run, in the tests and in the processes they start', () => {
  const root = os.tmpdir()
  expect(path.basename(root)).toMatch(/^unspin-tests-/)
  expect(path.dirname(tempDir())).toBe(root)
  const child = spawnSync(process.execPath, ['-p', "require('node:os').tmpdir()"], {encoding: 'utf8'})
  expect(child.stdout.trim()).toBe(root)
})
