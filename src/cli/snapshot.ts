/**
 * The entry of the CLI's start-up snapshot (bundled and saved by
 * `scripts/snapshot.js`; started by `launch.ts`). Everything here runs once,
 * at build time: the modules are evaluated, and one check of a small text
 * builds what every run needs before its first file (the catalogue and its
 * matcher, the keyword lists, the word list, the name lexicons). The heap is
 * then saved as it is, so a process started from it begins with all of that
 * done. Only `start` runs in those processes.
 *
 * What is built here must not depend on the run: no environment, working
 * directory or configuration is read until `start`. `launch.ts` makes sure
 * the rule files and modules are still the ones read here.
 */
import {restoreLoader} from './snapshot-guard.js'
import fs from 'node:fs'
import {createRequire} from 'node:module'
import net from 'node:net'
import path from 'node:path'
import v8 from 'node:v8'
// Bundled from ftfy's ES modules, by name, so the bundle leaves out what
// unspin never calls (a 4.8 MB table of Unicode names) and a run's first
// mojibake costs nothing to load.
import {TextFixerConfig, fix_and_explain} from 'ftfy-js'
import {decodeBytes, encodeText} from 'ftfy-js/bad-codecs'
import {loadKeywords} from '../cleanup/keywords.js'
import {useRepairLibrary} from '../cleanup/mojibake.js'
import {createEngine} from '../engine/index.js'
import {packRuleData} from '../rules/phrases.js'
import {LAUNCHER, WATCH_FD, startedByShell} from './launch.js'
import {start} from './start.js'

/**
 * Text that reaches every family's start-up work: spinner fingerprints and
 * context words, names (checked against the word list and the lexicons),
 * page furniture, template debris, a glued word, a translated name and
 * mojibake, repaired with the bundled ftfy.
 */
const WARM = [
  'As we speak, safety officers stated the nation could be dragged right into a struggle, and most cancers charges rose.',
  'Volodymyr Zelensky met Sviatlana Tsikhanouskaya in Kyiv on Monday; Zelenskyy later told reporters the talks were useful.',
  'Advertisement',
  'Share this article',
  'The {hardware} was sold by {a|the|one} retailer, according to the Daily Beastthat reported it first.',
  'The report appeared in Dem mirror last week. The company said profits rose 5 percent to $2 billion.',
  'Belarusâ€™ opposition leader said the vote was â€œa farceâ€\u009d.'
].join('\n\n')

/**
 * Build what a run needs before its first file. `scripts/snapshot.js` also
 * calls this in a plain process first: that fills the rule cache, so that
 * the snapshot reads the catalogue from it rather than needing the YAML
 * parser and the schema validator, which are loaded on first use.
 */
export function warm(): void {
  useRepairLibrary({ftfy: {TextFixerConfig, fix_and_explain}, codecs: {decodeBytes, encodeText}})
  createEngine().check([{path: 'warm.txt', text: WARM}])
  // The engine above loaded the built-in page-furniture lists; a run with no
  // lists of its own (`--rules`) uses the same ones.
  loadKeywords().prepare()
  // The catalogue's rules go into the snapshot as text, parsed again when a run needs one (see `RuleData`).
  packRuleData()
}

if (v8.startupSnapshot.isBuildingSnapshot()) {
  warm()
  restoreLoader()
  v8.startupSnapshot.setDeserializeMainFunction(() => {
    const launcher = process.env[LAUNCHER]
    // Not for the processes this one starts (an editor, a browser).
    delete process.env[LAUNCHER]
    if (launcher === 'sh') {
      // This is the bin's own process: there is no launcher to watch.
      const {root, why} = startedByShell(process.argv[1] ?? '')
      if (why !== undefined) return void startPlain(root)
    } else {
      watchLauncher()
    }
    void start(process.argv)
  })
}

/**
 * Run the CLI from the package's modules on disk, as a plain start would:
 * the snapshot no longer describes them (a rule file was edited since the
 * build, say). What the snapshot built is then simply not used.
 */
function startPlain(root: string): void {
  // Loaded at run time, not bundled: a local `require`, not esbuild's.
  const load = createRequire(path.join(root, 'dist', 'cli', 'start.js'))
  let plain: typeof import('./start.js')
  try {
    plain = load('./start.js') as typeof import('./start.js')
  } catch (error) {
    // A package without its compiled modules: say so in one line, as a plain start would fail.
    process.stderr.write(`unspin: cannot load ${path.join(root, 'dist')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (run \`npm run build\`)\n`)
    process.exitCode = 2
    return
  }
  void plain.start(process.argv)
}

/**
 * End this process when the bin that started it has gone (`launch.ts`): a
 * bin killed outright cannot pass the signal on, and its child would run on
 * unwatched, still writing. The bin never writes to the pipe, so it ends
 * only then. The pipe does not keep this process alive.
 */
function watchLauncher(): void {
  const fd = process.env[WATCH_FD]
  // Not for the processes this one starts (an editor, a browser).
  delete process.env[WATCH_FD]
  // Only the bin sets it, to the pipe it opened past stdio; anything else
  // (a hand-made run of the blob) means there is no bin to watch.
  const descriptor = fd !== undefined && /^\d+$/.test(fd) ? Number(fd) : -1
  if (descriptor < 3 || !isPipe(descriptor)) return
  const gone = () => process.kill(process.pid, 'SIGTERM')
  const pipe = new net.Socket({fd: descriptor, readable: true, writable: false})
  pipe.on('end', gone).on('error', gone)
  pipe.resume()
  pipe.unref()
}

function isPipe(fd: number): boolean {
  try {
    const stats = fs.fstatSync(fd)
    // The bin's pipe is a socket pair (libuv's), a FIFO elsewhere.
    return stats.isSocket() || stats.isFIFO()
  } catch {
    return false
  }
}
