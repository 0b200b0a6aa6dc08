import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '../..')
export const BIN = path.join(ROOT, 'bin/unspin.js')
export const SEEDS = path.resolve(ROOT, '../shared/seeds')

export interface Run {
  code: number
  stdout: string
  stderr: string
}

export interface RunOptions {
  cwd?: string
  input?: string | Buffer
  env?: Record<string, string>
  uid?: number
  /** How the bin is started: as a command, through its `#!/bin/sh` line (the default), or with `node BIN`, as npm's shim on Windows does. */
  launch?: 'command' | 'node'
  /** Another copy of the bin (default: `BIN`). */
  bin?: string
}

/** Run the built CLI as a user would. */
export function unspin(args: string[], options: RunOptions = {}): Run {
  const bin = options.bin ?? BIN
  const [file, ...before] = options.launch === 'node' ? [process.execPath, bin] : [bin]
  const result = spawnSync(file!, [...before, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...options.env},
    maxBuffer: 256 * 1024 * 1024,
    ...(options.uid === undefined ? {} : {uid: options.uid, gid: options.uid})
  })
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-test-'))
}

/** A rule file of these lines, in a folder of its own (removed with the run's temporary root). */
export function ruleFile(lines: string[]): string {
  const file = path.join(tempDir(), 'rules.yml')
  fs.writeFileSync(file, lines.join('\n'))
  return file
}

export function seed(prefix: string): string {
  const name = fs.readdirSync(SEEDS).find((file) => file.startsWith(prefix))
  if (!name) throw new Error(`no seed ${prefix}`)
  return path.join(SEEDS, name)
}
