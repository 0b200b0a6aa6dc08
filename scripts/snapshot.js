#!/usr/bin/env node
/**
 * Part of `npm run build`: make the CLI's start-up snapshot (see
 * src/cli/launch.ts and src/cli/snapshot.ts).
 *
 * Node.js builds a snapshot from one CommonJS script that may require only
 * its own built-in modules, so the CLI is first bundled with esbuild. Each
 * module's `import.meta.url` becomes its own file's URL, so the paths the
 * modules work out from it (rules/, the word list, modules loaded on first
 * use) are the same as in a plain start.
 *
 * The snapshot only saves start-up time: when it cannot be made (a Node.js
 * without snapshots, say), the build says so in one line and goes on, and
 * the bin starts the plain way.
 */
import fs from 'node:fs'
import path from 'node:path'
import {spawnSync} from 'node:child_process'
import {pathToFileURL} from 'node:url'
import * as esbuild from 'esbuild'
import {currentStamp, ROOT, SNAPSHOT_BLOB, SNAPSHOT_DIR, SNAPSHOT_STAMP} from '../dist/cli/launch.js'
import {VERSION} from '../dist/version.js'

const bundle = path.join(SNAPSHOT_DIR, 'unspin.js')

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

try {
  fs.rmSync(SNAPSHOT_DIR, {recursive: true, force: true})
  const {warm} = await import('../dist/cli/snapshot.js')
  warm()
  fs.mkdirSync(SNAPSHOT_DIR, {recursive: true})
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'dist/cli/snapshot.js')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    // A script, not a module: the snapshot's entry has no `module` to export to.
    format: 'iife',
    target: `node${process.versions.node.split('.')[0]}`,
    plugins: [ownUrl],
    logLevel: 'error'
  })
  // Under no NODE_OPTIONS: the launcher uses the snapshot only in processes without V8 options.
  const env = {...process.env}
  delete env.NODE_OPTIONS
  const made = spawnSync(process.execPath, ['--snapshot-blob', SNAPSHOT_BLOB, '--build-snapshot', bundle], {
    cwd: ROOT,
    env,
    encoding: 'utf8'
  })
  if (made.status !== 0 || !fs.existsSync(SNAPSHOT_BLOB)) {
    throw new Error(failure(made))
  }
  // A snapshot Node.js cannot start from would fail every run: try it once now.
  const tried = spawnSync(process.execPath, ['--snapshot-blob', SNAPSHOT_BLOB, '--', path.join(ROOT, 'bin/unspin.js'), '--version'], {
    cwd: ROOT,
    env,
    encoding: 'utf8'
  })
  if (tried.status !== 0 || tried.stdout.trim() !== VERSION) {
    throw new Error(`a process started from it fails: ${failure(tried)}`)
  }
  // The bundle is read only while the snapshot is made.
  if (!process.env.UNSPIN_KEEP_BUNDLE) fs.rmSync(bundle)
  fs.writeFileSync(SNAPSHOT_STAMP, JSON.stringify(currentStamp(), null, 2) + '\n')
} catch (error) {
  fs.rmSync(SNAPSHOT_DIR, {recursive: true, force: true})
  console.warn(`unspin: no start-up snapshot (${error instanceof Error ? error.message : String(error)}); the CLI will start without one`)
}
