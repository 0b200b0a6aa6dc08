/**
 * Starting the CLI from its start-up snapshot.
 *
 * `npm run build` runs the CLI's start-up work once (loading its modules,
 * the catalogue, the matcher, the word list and lexicons) and saves the
 * resulting heap as a V8 start-up snapshot (`scripts/snapshot.js`). A
 * process started from it skips that work. Node.js cannot switch to a
 * snapshot once running. Run as a command, the bin's sh lines start Node.js
 * from it themselves, and the process checks the snapshot at once
 * (`startedByShell`). Run with `node`, the bin starts a second process from
 * it (`launch`). Either way it is used only while it still describes what a
 * plain start would load: the same package folder, the same Node.js, no V8
 * options it was not made with, and the same files (rules, compiled
 * modules, bundled dependencies, the dictionary). Otherwise the package's
 * modules are run the plain way.
 */
import fs from 'node:fs'
import path from 'node:path'
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {fileVersion} from '../core/stamp.js'

/** The package root (this module is `dist/cli/launch.js`). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

export interface SnapshotPaths {
  blob: string
  stamp: string
  /** The node binary it was made with, one line for the bin's sh part to read (`bin/unspin.js`). */
  node: string
}

export function snapshotPaths(root: string = ROOT): SnapshotPaths {
  const folder = path.join(root, 'dist', 'snapshot')
  return {blob: path.join(folder, 'unspin.blob'), stamp: path.join(folder, 'unspin.json'), node: path.join(folder, 'node-path.txt')}
}

/** What a snapshot was made from and with, written next to it by the build. */
export interface SnapshotStamp {
  /** The package folder, resolved: the snapshot holds absolute paths into it. */
  root: string
  node: string
  platform: string
  arch: string
  /** Every file under `rules/` and `dist/` (the snapshot itself included, this stamp not), described by `describe`. */
  package: Described[]
  /** Files outside those folders it was made from: bundled dependencies, data files read while it was made, the Node.js binary. */
  outside: Described[]
}

/** A file and its size, modification and change times and inode (or `missing`). */
export type Described = [file: string, stats: string]

/** A file as the stamp records it: its version, as the rule cache keys files. */
export function describe(file: string): Described {
  try {
    return [file, fileVersion(fs.statSync(file))]
  } catch {
    return [file, 'missing']
  }
}

/** The files under `rules/` and `dist/` of a package: a rule file added or removed counts too. */
export function packageFiles(root: string = ROOT): string[] {
  const {stamp} = snapshotPaths(root)
  const files: string[] = []
  for (const folder of ['rules', 'dist']) {
    const base = path.join(root, folder)
    for (const entry of fs.readdirSync(base, {recursive: true, withFileTypes: true})) {
      const file = path.join(entry.parentPath, entry.name)
      if (entry.isFile() && file !== stamp) files.push(file)
    }
  }
  return files.sort()
}

/** The stamp for a snapshot made now from `root` (and from `outside` files). */
export function currentStamp(root: string = ROOT, outside: readonly string[] = []): SnapshotStamp {
  return {
    root: fs.realpathSync(root),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    package: packageFiles(root).map(describe),
    outside: [...outside].sort().map(describe)
  }
}

export interface LaunchContext {
  root?: string
  env?: NodeJS.ProcessEnv
  execArgv?: readonly string[]
}

/**
 * The Node.js option the bin starts every CLI process with: as many V8
 * helper threads (which compile hot code and collect garbage) as there are
 * cores beside the main thread, where Node.js starts four. A check runs
 * its JavaScript on one thread, and on a two-core machine three helpers
 * too many take turns with it: a check of 3 MB took 1.3 s instead of 1.5 s
 * (median of 16 runs each). It is Node.js's own option, not V8's, so a
 * snapshot starts under it.
 */
export const THREAD_POOL = '--v8-pool-size=0'

/**
 * Why the snapshot cannot be used, or `undefined` when it can. V8 refuses a
 * snapshot made under other V8 options, so any in `NODE_OPTIONS` or on the
 * command line (`node --inspect bin/unspin.js`) mean the plain start; the
 * bin's own `THREAD_POOL` is not a V8 option.
 */
export function snapshotUnusable(context: LaunchContext = {}): string | undefined {
  const root = context.root ?? ROOT
  const env = context.env ?? process.env
  const paths = snapshotPaths(root)
  if (env.UNSPIN_SNAPSHOT === '0') return 'UNSPIN_SNAPSHOT=0'
  if (env.NODE_OPTIONS?.trim()) return 'NODE_OPTIONS is set'
  if ((context.execArgv ?? process.execArgv).some((option) => option !== THREAD_POOL)) return 'Node.js options were given'
  let stamp: SnapshotStamp
  try {
    stamp = JSON.parse(fs.readFileSync(paths.stamp, 'utf8')) as SnapshotStamp
  } catch {
    return 'no snapshot was built (or it was refused)'
  }
  try {
    if (stamp.root !== fs.realpathSync(root)) return `it was made in ${stamp.root}`
    if (stamp.node !== process.version || stamp.platform !== process.platform || stamp.arch !== process.arch) {
      return `it was made with Node.js ${stamp.node} (${stamp.platform}-${stamp.arch})`
    }
    if (!same(stamp.package, packageFiles(root).map(describe))) return 'rule files or modules changed since the build'
    if (!Array.isArray(stamp.outside) || !same(stamp.outside, stamp.outside.map(([file]) => describe(file)))) {
      return 'dependencies or Node.js changed since the build'
    }
  } catch {
    return 'the package could not be read'
  }
  return undefined
}

function same(recorded: unknown, now: readonly Described[]): boolean {
  return JSON.stringify(recorded) === JSON.stringify(now)
}

/** Exit code of a Node.js that refused a snapshot (its own, never unspin's). */
const SNAPSHOT_REFUSED = 14
/** Signals passed on to the snapshot's process (the others end it through the watch pipe). */
const FORWARDED = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const
/** The environment variable naming the descriptor the snapshot's process watches (see `watchLauncher`). */
export const WATCH_FD = 'UNSPIN_LAUNCHER_FD'
/** Set (to `sh`) by the bin's sh part when it started the snapshot's process itself. */
export const LAUNCHER = 'UNSPIN_LAUNCHER'

/**
 * In a process the bin's sh part started from the snapshot: whether the
 * snapshot may be used, which sh could check only for the node binary.
 * `bin` is the bin's path as sh found it (links followed): the package is
 * the one it is in, wherever the snapshot was made. Says why or why not
 * under `UNSPIN_SNAPSHOT=debug`.
 */
export function startedByShell(bin: string, env: NodeJS.ProcessEnv = process.env): {root: string; why: string | undefined} {
  let root = path.resolve(path.dirname(bin), '..')
  try {
    // A folder on the way may be a link (npx links the package itself), and
    // the stamp names files by their real paths, as a plain start would.
    root = fs.realpathSync(root)
  } catch {
    // Unreadable: the check below says so.
  }
  const why = snapshotUnusable({root, env, execArgv: []})
  sayHowStarted(why, env, ' (started by sh)')
  return {root, why}
}

/**
 * Run the CLI in a process started from the snapshot, with this process's
 * arguments, standard streams and signals. Resolves with its exit code, or
 * `undefined` when it could not start (the caller then runs the CLI itself).
 */
export function runFromSnapshot(argv: readonly string[], root: string = ROOT): Promise<number | undefined> {
  const paths = snapshotPaths(root)
  // `--` ends Node.js's own options: the bin's path then stands where a
  // script would, so the snapshot's process sees the same `process.argv`
  // as a plain start (and `unspin --version` is unspin's, not Node's).
  const args = [THREAD_POOL, '--snapshot-blob', paths.blob, '--', ...argv.slice(1)]
  return new Promise((resolve) => {
    // A fourth descriptor that closes when this process ends, however it ends
    // (even by SIGKILL, which cannot be passed on): the child then stops too.
    const env: NodeJS.ProcessEnv = {...process.env, [WATCH_FD]: '3'}
    // Certificates the child would read and parse as it starts, for TLS it never opens (see the bin's sh lines).
    delete env.NODE_EXTRA_CA_CERTS
    const child = spawn(process.execPath, args, {stdio: ['inherit', 'inherit', 'inherit', 'pipe'], env})
    const forward = (signal: NodeJS.Signals) => child.kill(signal)
    for (const signal of FORWARDED) process.on(signal, forward)
    const done = () => {
      for (const signal of FORWARDED) process.off(signal, forward)
      child.stdio[3]?.destroy()
    }
    child.on('error', () => {
      // Only a child that never started is run again here; one that did reports its own exit.
      if (child.pid !== undefined) return
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
      if (code === SNAPSHOT_REFUSED) {
        // Made by another Node.js or under other V8 options than the stamp can
        // tell: Node.js has said so on stderr once; later runs start plain.
        try {
          fs.rmSync(paths.stamp, {force: true})
        } catch {
          // A read-only package: every run says so, and still starts plain.
        }
        resolve(undefined)
        return
      }
      resolve(code ?? 2)
    })
  })
}

/**
 * What the bin does first: run the CLI from the snapshot when it can be
 * used, and say why or why not under `UNSPIN_SNAPSHOT=debug`. Resolves with
 * the exit code, or `undefined` when the bin must run the CLI itself.
 */
export async function launch(argv: readonly string[]): Promise<number | undefined> {
  const why = snapshotUnusable()
  sayHowStarted(why, process.env)
  return why === undefined ? runFromSnapshot(argv) : undefined
}

/** Under `UNSPIN_SNAPSHOT=debug`, which way the CLI started and why, on stderr. */
function sayHowStarted(why: string | undefined, env: NodeJS.ProcessEnv, by = ''): void {
  if (env.UNSPIN_SNAPSHOT !== 'debug') return
  process.stderr.write(`unspin: ${why === undefined ? `starting from the start-up snapshot${by}` : `starting without the start-up snapshot${by}: ${why}`}\n`)
}
