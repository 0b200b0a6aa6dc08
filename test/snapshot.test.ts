import {spawn, spawnSync} from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import {describe as group, expect, test} from 'vitest'
import {pathToFileURL} from 'node:url'
import {currentStamp, ROOT as LAUNCH_ROOT, snapshotPaths, snapshotUnusable, THREAD_POOL} from '../src/cli/launch.js'
import {BIN, ROOT, seed, tempDir, unspin} from './helpers/cli.js'
import type {JsonReport} from '../src/report/json.js'

const plain = {UNSPIN_SNAPSHOT: '0'}
const usable = {env: {PATH: process.env.PATH}, execArgv: []}
const built = process.env.UNSPIN_SNAPSHOT !== '0'

group('the start-up snapshot', () => {
  test('the launcher works from this package (from src/ in tests, dist/ when built)', () => {
    expect(fs.realpathSync(LAUNCH_ROOT)).toBe(fs.realpathSync(ROOT))
  })

  test.skipIf(!built)('the build made one, and the bin starts from it, as a command or with node', () => {
    expect(snapshotUnusable(usable)).toBeUndefined()
    const args = ['check', 'corpus/clean-01-council-budget.txt']
    expect(unspin(args, {env: {UNSPIN_SNAPSHOT: 'debug'}}).stderr).toBe('unspin: starting from the start-up snapshot (started by sh)\n')
    expect(unspin(args, {env: {UNSPIN_SNAPSHOT: 'debug'}, launch: 'node'}).stderr).toBe('unspin: starting from the start-up snapshot\n')
    // sh hands anything it does not check itself over to the JavaScript launcher.
    const off = unspin(args, {env: {UNSPIN_SNAPSHOT: 'debug', NODE_OPTIONS: '--max-old-space-size=4096'}})
    expect(off.stderr).toBe('unspin: starting without the start-up snapshot: NODE_OPTIONS is set\n')
  })

  test('runs give the same output, files, errors and exit codes with and without it', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'empty.txt'), '')
    fs.copyFileSync(path.join(ROOT, 'corpus/spun-01-energy.txt'), path.join(dir, 'spun.txt'))
    // A configuration found from the working directory, as a project would have.
    fs.writeFileSync(path.join(dir, 'unspin.config.yml'), 'disable: [names]\nminConfidence: 0.7\n')
    const runs: Array<{args: string[]; input?: string; env?: Record<string, string>; cwd?: string}> = [
      {args: ['check', '--format', 'json', '--min-confidence', '0', path.join(ROOT, 'corpus'), seed('004')]},
      {args: ['check', 'corpus/spun-01-energy.txt']},
      {args: ['check', 'corpus/spun-01-energy.txt'], env: {FORCE_COLOR: '1', NO_COLOR: ''}},
      {args: ['check', '--format', 'json', 'spun.txt'], cwd: dir},
      {args: ['fix'], input: 'As we speak, the Ok.G.B. stated it would not be dragged right into a struggle.\n'},
      {args: ['fix', '--diff', 'spun.txt'], cwd: dir},
      {args: ['--version']},
      {args: ['check', '--help']},
      {args: ['check', 'no-such-file.txt', 'corpus/clean-01-council-budget.txt']},
      {args: ['check', '--only', 'nonsense', 'corpus']},
      {args: ['names', 'check', 'corpus']},
      {args: ['empty.txt'], cwd: dir}
    ]
    for (const run of runs) {
      const options = {input: run.input, cwd: run.cwd}
      const slow = unspin(run.args, {...options, env: {...run.env, ...plain}})
      // Started by the bin's sh line, and by the JavaScript launcher.
      for (const launch of ['command', 'node'] as const) {
        const fast = unspin(run.args, {...options, env: run.env, launch})
        expect({args: run.args, launch, ...fast}).toEqual({args: run.args, launch, ...slow})
      }
    }
    // And a file rewritten in place comes out byte for byte the same.
    const written: string[] = []
    for (const [env, launch] of [[{}, 'command'], [{}, 'node'], [plain, 'command']] as const) {
      fs.copyFileSync(path.join(ROOT, 'corpus/spun-01-energy.txt'), path.join(dir, 'spun.txt'))
      expect(unspin(['fix', '--write', 'spun.txt'], {cwd: dir, env, launch}).code).toBe(0)
      written.push(fs.readFileSync(path.join(dir, 'spun.txt'), 'utf8'))
    }
    expect(new Set(written).size).toBe(1)
    expect(written[0]).not.toBe(fs.readFileSync(path.join(ROOT, 'corpus/spun-01-energy.txt'), 'utf8'))
  })
})

group('when the snapshot cannot be used', () => {
  /** A package folder with a snapshot stamped as the build stamps it, and a dependency outside it. */
  function stamped(): {root: string; dependency: string} {
    const root = tempDir()
    // A folder with a space, as a user's projects folder may have.
    const dependency = path.join(tempDir(), 'my deps', 'dependency.js')
    fs.mkdirSync(path.dirname(dependency))
    fs.writeFileSync(dependency, 'export const a = 1\n')
    fs.mkdirSync(path.join(root, 'rules/spin'), {recursive: true})
    fs.mkdirSync(path.join(root, 'dist/snapshot'), {recursive: true})
    fs.writeFileSync(path.join(root, 'rules/spin/a.yml'), 'family: spin\n')
    fs.writeFileSync(path.join(root, 'dist/index.js'), 'export {}\n')
    fs.writeFileSync(snapshotPaths(root).blob, 'blob')
    fs.writeFileSync(snapshotPaths(root).stamp, JSON.stringify(currentStamp(root, [dependency, process.execPath])))
    return {root, dependency}
  }
  const reason = (root: string) => snapshotUnusable({...usable, root})

  test('a stamped package is usable', () => {
    expect(reason(stamped().root)).toBeUndefined()
  })

  test('a changed, added or removed rule file or module, or a changed snapshot, is noticed', () => {
    const changed = stamped().root
    fs.appendFileSync(path.join(changed, 'rules/spin/a.yml'), 'rules: []\n')
    expect(reason(changed)).toMatch(/changed since the build/)

    const added = stamped().root
    fs.writeFileSync(path.join(added, 'rules/spin/b.yml'), 'family: spin\n')
    expect(reason(added)).toMatch(/changed since the build/)

    const removed = stamped().root
    fs.rmSync(path.join(removed, 'dist/index.js'))
    expect(reason(removed)).toMatch(/changed since the build/)

    const truncated = stamped().root
    fs.truncateSync(snapshotPaths(truncated).blob, 2)
    expect(reason(truncated)).toMatch(/changed since the build/)
  })

  test('an edit that keeps the size and puts the modification time back is noticed', () => {
    const root = stamped().root
    const file = path.join(root, 'rules/spin/a.yml')
    const {atime, mtime} = fs.statSync(file)
    fs.writeFileSync(file, 'family: SPIN\n')
    fs.utimesSync(file, atime, mtime)
    expect(reason(root)).toMatch(/changed since the build/)
  })

  test('a changed dependency, a moved package, another Node.js', () => {
    const {root, dependency} = stamped()
    fs.appendFileSync(dependency, '// edited\n')
    expect(reason(root)).toMatch(/dependencies or Node.js changed/)

    const original = stamped().root
    const moved = path.join(tempDir(), 'moved')
    fs.cpSync(original, moved, {recursive: true, preserveTimestamps: true})
    expect(reason(moved)).toMatch(/it was made in /)

    const other = stamped().root
    const file = snapshotPaths(other).stamp
    fs.writeFileSync(file, JSON.stringify({...JSON.parse(fs.readFileSync(file, 'utf8')), node: 'v0.0.1'}))
    expect(reason(other)).toMatch(/made with Node.js v0.0.1/)
  })

  test('V8 options, the opt-out, or no snapshot at all', () => {
    const {root} = stamped()
    expect(snapshotUnusable({root, env: {NODE_OPTIONS: '--max-old-space-size=4096'}, execArgv: []})).toMatch(/NODE_OPTIONS/)
    expect(snapshotUnusable({root, env: {}, execArgv: ['--inspect']})).toMatch(/options/)
    // The bin's own option is Node.js's, not V8's: a snapshot starts under it.
    expect(snapshotUnusable({root, env: {}, execArgv: [THREAD_POOL]})).toBeUndefined()
    expect(snapshotUnusable({root, env: {}, execArgv: [THREAD_POOL, '--inspect']})).toMatch(/options/)
    expect(snapshotUnusable({root, env: {UNSPIN_SNAPSHOT: '0'}, execArgv: []})).toMatch(/UNSPIN_SNAPSHOT/)

    const none = stamped().root
    fs.rmSync(snapshotPaths(none).stamp)
    expect(reason(none)).toMatch(/no snapshot was built/)
    const broken = stamped().root
    fs.writeFileSync(snapshotPaths(broken).stamp, '{')
    expect(reason(broken)).toMatch(/no snapshot was built/)
  })

  test('a snapshot Node.js refuses (made under other V8 options) is run plain, and not tried again', () => {
    const {root} = stamped()
    const script = path.join(root, 'entry.js')
    fs.writeFileSync(script, "require('v8').startupSnapshot.setDeserializeMainFunction(() => {})\n")
    const made = spawnSync(process.execPath, ['--no-lazy-feedback-allocation', '--snapshot-blob', snapshotPaths(root).blob, '--build-snapshot', script], {
      env: {PATH: process.env.PATH}
    })
    expect(made.status).toBe(0)
    // In a process of its own, to keep Node.js's complaint out of the test's output.
    const launch = pathToFileURL(path.join(ROOT, 'dist/cli/launch.js')).href
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const {runFromSnapshot} = await import(${JSON.stringify(launch)}); console.log(String(await runFromSnapshot(['node', 'unspin', '--version'], ${JSON.stringify(root)})))`],
      {encoding: 'utf8'}
    )
    expect(run.stderr).toMatch(/Failed to load the startup snapshot/)
    expect(run.stdout).toBe('undefined\n')
    expect(fs.existsSync(snapshotPaths(root).stamp)).toBe(false)
  })

  test('the bin then starts the plain way', () => {
    for (const launch of ['command', 'node'] as const) {
      const run = unspin(['check', '--format', 'json', 'corpus/clean-01-council-budget.txt'], {env: {NODE_OPTIONS: '--max-old-space-size=4096'}, launch})
      expect(run.stderr).toBe('')
      expect(JSON.parse(run.stdout).files).toHaveLength(1)
    }
  })
})

group.skipIf(!built || process.platform === 'win32')('the bin’s sh line', () => {
  /**
   * The bin of the package at `root` as npm links it: `node_modules/.bin/unspin`
   * a link to `../unspin/bin/unspin.js`, and `node_modules/unspin` a link to
   * the package (as npx links a project folder).
   */
  function linked(root: string): string {
    const modules = path.join(tempDir(), 'node_modules')
    fs.mkdirSync(path.join(modules, '.bin'), {recursive: true})
    fs.symlinkSync(root, path.join(modules, 'unspin'))
    fs.symlinkSync('../unspin/bin/unspin.js', path.join(modules, '.bin/unspin'))
    return path.join(modules, '.bin/unspin')
  }
  /**
   * A copy of the built package elsewhere (its dependencies linked), and its
   * bin linked. `env` gives its runs a rule cache of their own: the linked
   * `node_modules` holds the original's, where the copy's rule files, its
   * own catalogue, would be kept for good.
   */
  function copy(): {root: string; bin: string; env: Record<string, string>} {
    const root = path.join(tempDir(), 'my package')
    fs.mkdirSync(root)
    for (const part of ['bin', 'dist', 'rules', 'package.json']) fs.cpSync(path.join(ROOT, part), path.join(root, part), {recursive: true, preserveTimestamps: true})
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'))
    return {root, bin: linked(root), env: {UNSPIN_CACHE_DIR: path.join(root, '.cache')}}
  }
  const debug = {UNSPIN_SNAPSHOT: 'debug'}
  const args = ['check', '--format', 'json', 'corpus/spun-01-energy.txt']

  test('both of its lines that start Node.js give it the thread pool the launcher expects', () => {
    // sh cannot import THREAD_POOL; the launcher accepts that one option and no other.
    const starts = fs.readFileSync(BIN, 'utf8').split('\n').filter((line) => /\bexec\b.*node/.test(line))
    expect(starts).toHaveLength(2)
    for (const line of starts) expect(line).toContain(` ${THREAD_POOL} `)
  })

  test.skipIf(!built)('the processes it starts do not read NODE_EXTRA_CA_CERTS (unspin opens no TLS connection)', () => {
    // Node.js warns on stderr, once per process, when it reads the file named at start and cannot.
    const env = {NODE_EXTRA_CA_CERTS: path.join(tempDir(), 'no-such-bundle.pem')}
    const eager = spawnSync(process.execPath, ['-e', '0'], {env: {...process.env, ...env}, encoding: 'utf8'}).stderr.includes('Ignoring extra certs')
    expect(unspin(['--version'], {env})).toMatchObject({code: 0, stderr: ''})
    // Run with node, only that first process has read it; the one it starts from the snapshot has not.
    const run = unspin(['--version'], {env: {...env, UNSPIN_SNAPSHOT: 'debug'}, launch: 'node'})
    expect(run.stderr).toContain('unspin: starting from the start-up snapshot\n')
    expect(run.stderr.match(/Warning: Ignoring extra certs/g) ?? []).toHaveLength(eager ? 1 : 0)
  })

  test('through npm’s links, as npx runs it, it starts from the snapshot', () => {
    const run = unspin(args, {bin: linked(ROOT), env: debug})
    expect(run.stderr).toBe('unspin: starting from the start-up snapshot (started by sh)\n')
    expect(run.stdout).toBe(unspin(args, {env: plain}).stdout)
  })

  test('a snapshot made elsewhere is noticed by the process sh started, which then runs the package’s own modules', () => {
    const {root, bin, env} = copy()
    const run = unspin(args, {bin, env: {...debug, ...env}})
    expect(run.stderr).toBe(`unspin: starting without the start-up snapshot (started by sh): it was made in ${fs.realpathSync(ROOT)}\n`)
    expect({...run, stderr: ''}).toEqual(unspin(args, {env: plain}))
    // The copy's own rules, not the ones the snapshot holds.
    const ruleIds = (run: {stdout: string}) => (JSON.parse(run.stdout) as JsonReport).files[0]!.messages.map((message) => message.ruleId)
    expect(ruleIds(run).some((id) => id.startsWith('spin/nr6-'))).toBe(true)
    fs.rmSync(path.join(root, 'rules/spin/news-renderings-6.yml'))
    const fewer = ruleIds(unspin(args, {bin, env}))
    expect(fewer.length).toBeGreaterThan(0)
    expect(fewer.some((id) => id.startsWith('spin/nr6-'))).toBe(false)
  })

  test('a package without its compiled modules says so in one line', () => {
    const {root, bin, env} = copy()
    fs.rmSync(path.join(root, 'dist/cli/start.js'))
    const run = unspin(args, {bin, env})
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^unspin: cannot load .*dist: .* \(run `npm run build`\)\n$/)
    expect(run.stdout).toBe('')
  })

  test('a node binary other than the one it was made with, or changed since, is left to the JavaScript launcher', () => {
    const other = copy()
    fs.writeFileSync(path.join(other.root, 'dist/snapshot/node-path.txt'), '/bin/sh\n')
    expect(unspin(args, {bin: other.bin, env: {...debug, ...other.env}}).stderr).toBe(`unspin: starting without the start-up snapshot: it was made in ${fs.realpathSync(ROOT)}\n`)

    const changed = copy()
    // The stamp written long before the binary was installed.
    fs.utimesSync(path.join(changed.root, 'dist/snapshot/unspin.json'), new Date(0), new Date(0))
    expect(unspin(args, {bin: changed.bin, env: {...debug, ...changed.env}}).stderr).toBe(`unspin: starting without the start-up snapshot: it was made in ${fs.realpathSync(ROOT)}\n`)

    const none = copy()
    fs.rmSync(path.join(none.root, 'dist/snapshot'), {recursive: true})
    const run = unspin(args, {bin: none.bin, env: {...debug, ...none.env}})
    expect(run.stderr).toBe('unspin: starting without the start-up snapshot: no snapshot was built (or it was refused)\n')
    expect(run.stdout).toBe(unspin(args, {env: plain}).stdout)
  })

  test('the opt-out and NODE_OPTIONS are the JavaScript launcher’s to report', () => {
    // sh must not even try the blob: Node.js would refuse this one before unspin could say why.
    const {root, bin, env} = copy()
    fs.writeFileSync(snapshotPaths(root).blob, 'not a snapshot')
    const run = unspin(['--version'], {bin, env: {...plain, ...env}})
    expect({code: run.code, stderr: run.stderr}).toEqual({code: 0, stderr: ''})
    const off = unspin(['--version'], {env: {...debug, NODE_OPTIONS: '--max-old-space-size=4096'}})
    expect(off.stderr).toBe('unspin: starting without the start-up snapshot: NODE_OPTIONS is set\n')
  })

  test.skipIf(process.platform !== 'linux')('the bin’s process is the snapshot’s: a signal ends it, and nothing is left behind', async () => {
    const bin = spawn(BIN, ['check'], {cwd: ROOT, env: {...process.env, NO_COLOR: '1'}, stdio: ['pipe', 'ignore', 'ignore']})
    // Started: its command line is node's, from the snapshot.
    for (let tries = 0; tries < 100 && !fs.readFileSync(`/proc/${bin.pid}/cmdline`, 'utf8').includes('--snapshot-blob'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(fs.readFileSync(`/proc/${bin.pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining(['--snapshot-blob', THREAD_POOL]))
    expect(spawnSync('ps', ['-o', 'pid=', '--ppid', String(bin.pid)], {encoding: 'utf8'}).stdout.trim()).toBe('')
    const exit = new Promise<NodeJS.Signals | null>((resolve) => bin.on('exit', (_code, signal) => resolve(signal)))
    bin.kill('SIGTERM')
    expect(await exit).toBe('SIGTERM')
  })
})

/** The snapshot's process the bin started, once it has. */
async function childOf(parent: number): Promise<number> {
  for (let tries = 0; tries < 100; tries++) {
    const found = spawnSync('ps', ['-o', 'pid=', '--ppid', String(parent)], {encoding: 'utf8'}).stdout.trim()
    if (found) return Number(found.split('\n')[0])
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error('no child process')
}

async function gone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 100; tries++) {
    try {
      process.kill(pid, 0)
    } catch {
      return true
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

group.skipIf(!built || process.platform !== 'linux')('the snapshot’s process ends with the bin', () => {
  /** The bin waiting for stdin (never closed here), from the snapshot. */
  function waiting() {
    return spawn(process.execPath, [BIN, 'check'], {cwd: ROOT, env: {...process.env, NO_COLOR: '1'}, stdio: ['pipe', 'ignore', 'ignore']})
  }

  test('a signal to the bin is passed on, and the bin dies of it', async () => {
    const bin = waiting()
    const child = await childOf(bin.pid!)
    // Started under the bin's thread pool, as the bin's sh lines start it.
    expect(fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')).toContain(THREAD_POOL)
    const exit = new Promise<NodeJS.Signals | null>((resolve) => bin.on('exit', (_code, signal) => resolve(signal)))
    bin.kill('SIGTERM')
    expect(await exit).toBe('SIGTERM')
    expect(await gone(child)).toBe(true)
  })

  test('a bin killed outright (SIGKILL) leaves no process behind', async () => {
    const bin = waiting()
    const child = await childOf(bin.pid!)
    bin.kill('SIGKILL')
    expect(await gone(child)).toBe(true)
  })
})
