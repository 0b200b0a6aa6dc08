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

/** Run the built CLI as a user would. */
export function unspin(args: string[], options: {cwd?: string; input?: string | Buffer; env?: Record<string, string>; uid?: number} = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
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

export function seed(prefix: string): string {
  const name = fs.readdirSync(SEEDS).find((file) => file.startsWith(prefix))
  if (!name) throw new Error(`no seed ${prefix}`)
  return path.join(SEEDS, name)
}
