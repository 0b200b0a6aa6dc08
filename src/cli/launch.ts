/**
 * Starting the CLI from its start-up snapshot.
 *
 * `npm run build` runs the CLI's start-up work once (loading its modules,
 * the catalogue, the matcher, the word list and lexicons) and saves the
 * resulting heap as a V8 start-up snapshot (`scripts/snapshot.js`). Starting
 * a process from it skips that work: a check of one file takes about 0.25 s
 * instead of 0.4 s. Node.js cannot switch to a snapshot once running, so the
 * bin starts a second process from it, and only when the snapshot still
 * describes this package: same Node.js, no V8 options that it was not built
 * with, and the same rule files and compiled modules as when it was made.
 * Otherwise the bin loads the modules itself, as before.
 */
import fs from 'node:fs'
import path from 'node:path'
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

/** The package root (this module is `dist/cli/launch.js`). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const SNAPSHOT_DIR = path.join(ROOT, 'dist', 'snapshot')
export const SNAPSHOT_BLOB = path.join(SNAPSHOT_DIR, 'unspin.blob')
/** What the snapshot was made from and with (`SnapshotStamp`). */
export const SNAPSHOT_STAMP = path.join(SNAPSHOT_DIR, 'unspin.json')

export interface SnapshotStamp {
  node: string
  platform: string
  arch: string
  /** Every file the snapshot holds the contents of, as `path size mtime`, sorted. */
  inputs: string[]
}

/** What this package is now, to compare with the stamp the build wrote. */
export function currentStamp(root: string = ROOT): SnapshotStamp {
  const inputs: string[] = []
  for (const folder of ['rules', 'dist']) {
    const base = path.join(root, folder)
    for (const name of fs.readdirSync(base, {recursive: true, encoding: 'utf8'})) {
      // The snapshot's own folder is what is being described.
      if (folder === 'dist' && name.split(path.sep)[0] === 'snapshot') continue
      const file = path.join(base, name)
      const stats = fs.statSync(file)
      if (stats.isFile()) inputs.push(`${folder}/${name.split(path.sep).join('/')} ${stats.size} ${stats.mtimeMs}`)
    }
  }
  return {node: process.version, platform: process.platform, arch: process.arch, inputs: inputs.sort()}
}

export interface LaunchContext {
  root?: string
  env?: NodeJS.ProcessEnv
  execArgv?: readonly string[]
}

/**
 * Why the snapshot cannot be used, or `undefined` when it can. V8 refuses a
 * snapshot made under other V8 options, so any in `NODE_OPTIONS` or on the
 * command line (`node --inspect bin/unspin.js`) mean the plain start.
 */
export function snapshotUnusable(context: LaunchContext = {}): string | undefined {
  const root = context.root ?? ROOT
  const env = context.env ?? process.env
  if (env.UNSPIN_SNAPSHOT === '0') return 'UNSPIN_SNAPSHOT=0'
  if (env.NODE_OPTIONS?.trim()) return 'NODE_OPTIONS is set'
  if ((context.execArgv ?? process.execArgv).length > 0) return 'Node.js options were given'
  let stamp: SnapshotStamp
  try {
    if (!fs.existsSync(path.join(root, 'dist', 'snapshot', 'unspin.blob'))) return 'no snapshot was built'
    stamp = JSON.parse(fs.readFileSync(path.join(root, 'dist', 'snapshot', 'unspin.json'), 'utf8')) as SnapshotStamp
  } catch {
    return 'no snapshot stamp'
  }
  let now: SnapshotStamp
  try {
    now = currentStamp(root)
  } catch {
    return 'the package could not be read'
  }
  if (stamp.node !== now.node || stamp.platform !== now.platform || stamp.arch !== now.arch) {
    return `made with Node.js ${stamp.node} (${stamp.platform}-${stamp.arch})`
  }
  if (!Array.isArray(stamp.inputs) || stamp.inputs.join('\n') !== now.inputs.join('\n')) {
    return 'rule files or modules changed since the build'
  }
  return undefined
}

/** Exit code of a Node.js that could not load a snapshot (its own, never unspin's). */
const SNAPSHOT_REJECTED = 14

/**
 * Run the CLI in a process started from the snapshot, with this process's
 * arguments, standard streams and signals. Resolves with its exit code, or
 * `undefined` when it could not start (the caller then runs the CLI itself).
 */
export function runFromSnapshot(argv: readonly string[], root: string = ROOT): Promise<number | undefined> {
  // `--` ends Node.js's own options: the bin's path then stands where a
  // script would, so the snapshot's process sees the same `process.argv`
  // as a plain start (and `unspin --version` is unspin's, not Node's).
  const args = ['--snapshot-blob', path.join(root, 'dist', 'snapshot', 'unspin.blob'), '--', ...argv.slice(1)]
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {stdio: 'inherit'})
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    for (const signal of signals) process.on(signal, forward)
    const done = () => {
      for (const signal of signals) process.off(signal, forward)
    }
    child.on('error', () => {
      done()
      resolve(undefined)
    })
    child.on('exit', (code, signal) => {
      done()
      if (signal) {
        // Die of the same signal, as a plain start would have.
        process.kill(process.pid, signal)
        return
      }
      resolve(code === SNAPSHOT_REJECTED ? undefined : (code ?? 2))
    })
  })
}
