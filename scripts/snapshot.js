#!/usr/bin/env node
/**
 * Part of `npm run build`: make the CLI's start-up snapshot (see
 * src/cli/launch.ts and src/cli/snapshot.ts).
 *
 * Node.js builds a snapshot from one script that may require only its own
 * built-in modules, so the CLI is first bundled with esbuild. Each module's
 * `import.meta.url` becomes its own file's URL, so the paths the modules
 * work out from it (rules/, the word list, modules loaded on first use) are
 * the same as in a plain start. Node.js warns, while making it, that some
 * built-in modules the CLI imports (child_process, readline, worker_threads)
 * are not verified in snapshots: none of them is used before the snapshot
 * is saved, and the tests run every command from it.
 *
 * The snapshot only saves start-up time: when it cannot be made (no
 * esbuild, a Node.js without snapshots, a rule cache it cannot write), the
 * build says so in one line and goes on, and the bin starts the plain way.
 */
import fs from 'node:fs'
import path from 'node:path'
import {spawnSync} from 'node:child_process'
import {createRequire} from 'node:module'
import {fileURLToPath, pathToFileURL} from 'node:url'
import {currentStamp, describe, packageFiles, ROOT, snapshotPaths} from '../dist/cli/launch.js'
import {cacheDir} from '../dist/rules/cache.js'
import {VERSION} from '../dist/version.js'

const paths = snapshotPaths()
const folder = path.dirname(paths.blob)
const bundle = path.join(folder, 'unspin.js')

/** Each module's `import.meta.url` as the URL of the file it is in. */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({filter: /\.[cm]?js$/}, async (args) => {
      const text = await fs.promises.readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      return {contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'js'}
    })
  }
}

/** The message of the error a Node.js process printed, or its exit code. */
function failure(result) {
  const message = /(?:Error|error): (.+)/.exec(result.stderr ?? '')?.[1] ?? result.error?.message
  return message?.trim() ?? `exit code ${result.status}`
}

/**
 * Run `work`, noting the data files it reads (the dictionary, say): the
 * snapshot holds what was read from them, so they are part of its stamp.
 * Modules are not: esbuild lists those it bundled, and those `require()`
 * loaded here (the YAML parser, on a cold rule cache) are not in the
 * snapshot at all.
 */
function reading(work) {
  const read = new Set()
  const methods = ['readFileSync', 'openSync']
  const originals = methods.map((name) => fs[name])
  methods.forEach((name, index) => {
    fs[name] = function (file, ...rest) {
      if (typeof file === 'string' || file instanceof URL) read.add(path.resolve(file instanceof URL ? fileURLToPath(file) : file))
      return originals[index].call(this, file, ...rest)
    }
  })
  try {
    work()
  } finally {
    methods.forEach((name, index) => (fs[name] = originals[index]))
  }
  const modules = new Set(Object.keys(createRequire(import.meta.url).cache))
  return [...read].filter((file) => !modules.has(file))
}

const inside = (file, base) => !path.relative(base, file).startsWith('..')

try {
  fs.rmSync(folder, {recursive: true, force: true})
  const before = packageFiles().map(describe)
  // A plain start first: it fills the rule cache, so that the snapshot reads
  // the catalogue from it rather than loading the YAML parser and schema
  // validator, which it could not hold (they are loaded on first use).
  const {warm} = await import('../dist/cli/snapshot.js')
  const read = reading(warm)
  const esbuild = await import('esbuild')
  fs.mkdirSync(folder, {recursive: true})
  const {metafile} = await esbuild.build({
    entryPoints: [path.join(ROOT, 'dist/cli/snapshot.js')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    // A script, not a module: the snapshot's entry has no `module` to export to.
    format: 'iife',
    target: `node${process.versions.node.split('.')[0]}`,
    // esbuild rewrites a pattern with \p{…} outside a character class into
    // `new RegExp(…)` for Node.js 20, which runs them as written: inside a
    // function that makes a new RegExp at every call (a sixth of the time of
    // the parser's line-break check, once per line of every file).
    supported: {'regexp-unicode-property-escapes': true},
    plugins: [ownUrl],
    metafile: true,
    logLevel: 'silent'
  })
  // Under no NODE_OPTIONS: the launcher uses the snapshot only in processes without V8 options.
  const env = {...process.env}
  delete env.NODE_OPTIONS
  const made = spawnSync(process.execPath, ['--snapshot-blob', paths.blob, '--build-snapshot', bundle], {cwd: ROOT, env, encoding: 'utf8'})
  if (made.status !== 0 || !fs.existsSync(paths.blob)) throw new Error(failure(made))
  // A snapshot Node.js cannot start from would fail every run: try it once now.
  const tried = spawnSync(process.execPath, ['--snapshot-blob', paths.blob, '--', path.join(ROOT, 'bin/unspin.js'), '--version'], {cwd: ROOT, env, encoding: 'utf8'})
  if (tried.status !== 0 || tried.stdout.trim() !== VERSION) throw new Error(`a process started from it fails: ${failure(tried)}`)
  // The bundle is read only while the snapshot is made.
  fs.rmSync(bundle)
  // Rules or modules changed while it was made: it may hold either version.
  const after = packageFiles().filter((file) => !inside(file, folder)).map(describe)
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error('rule files or modules changed while it was made; build again')
  const bundled = Object.keys(metafile.inputs).map((file) => path.resolve(ROOT, file))
  const own = [path.join(ROOT, 'rules'), path.join(ROOT, 'dist'), cacheDir()]
  const outside = [...new Set([...bundled, ...read, process.execPath])].filter((file) => !own.some((base) => inside(file, base)))
  // For the bin's sh part, which can compare files but not read JSON; the stamp covers it too.
  fs.writeFileSync(paths.node, process.execPath + '\n')
  fs.writeFileSync(paths.stamp, JSON.stringify(currentStamp(ROOT, outside), null, 2) + '\n')
} catch (error) {
  fs.rmSync(folder, {recursive: true, force: true})
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]
  console.warn(`unspin: no start-up snapshot (${message}); the CLI will start without one`)
}
