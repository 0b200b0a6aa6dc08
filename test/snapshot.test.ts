import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, test} from 'vitest'
import {currentStamp, ROOT as LAUNCH_ROOT, snapshotUnusable} from '../src/cli/launch.js'
import {ROOT, seed, tempDir, unspin} from './helpers/cli.js'

const plain = {UNSPIN_SNAPSHOT: '0'}
const usable = {env: {PATH: process.env.PATH}, execArgv: []}

describe('the start-up snapshot', () => {
  test.skipIf(process.env.UNSPIN_SNAPSHOT === '0')('the build made one that this package starts from', () => {
    expect(snapshotUnusable(usable)).toBeUndefined()
  })

  test('runs give the same output, errors and exit codes with and without it', () => {
    const empty = path.join(tempDir(), 'empty.txt')
    fs.writeFileSync(empty, '')
    const runs: Array<{args: string[]; input?: string}> = [
      {args: ['check', '--format', 'json', '--min-confidence', '0', 'corpus', seed('004')]},
      {args: ['check', 'corpus/spun-01-energy.txt']},
      {args: ['fix'], input: 'As we speak, the Ok.G.B. stated it would not be dragged right into a struggle.\n'},
      {args: ['--version']},
      {args: ['check', '--help']},
      {args: ['check', 'no-such-file.txt', 'corpus/clean-01-council-budget.txt']},
      {args: ['check', '--only', 'nonsense', 'corpus']},
      {args: ['names', 'check', 'corpus']},
      {args: [empty]}
    ]
    for (const run of runs) {
      const fast = unspin(run.args, {input: run.input})
      const slow = unspin(run.args, {input: run.input, env: plain})
      expect({args: run.args, ...fast}).toEqual({args: run.args, ...slow})
    }
  })
})

describe('when the snapshot cannot be used', () => {
  /** A package folder with a snapshot stamped as the build stamps it. */
  function stamped(): string {
    const root = tempDir()
    fs.mkdirSync(path.join(root, 'rules/spin'), {recursive: true})
    fs.mkdirSync(path.join(root, 'dist/snapshot'), {recursive: true})
    fs.writeFileSync(path.join(root, 'rules/spin/a.yml'), 'family: spin\n')
    fs.writeFileSync(path.join(root, 'dist/index.js'), 'export {}\n')
    fs.writeFileSync(path.join(root, 'dist/snapshot/unspin.blob'), 'blob')
    fs.writeFileSync(path.join(root, 'dist/snapshot/unspin.json'), JSON.stringify(currentStamp(root)))
    return root
  }

  test('a stamped package is usable', () => {
    expect(snapshotUnusable({...usable, root: stamped()})).toBeUndefined()
  })

  test('a changed, added or removed rule file or module is noticed', () => {
    const changed = stamped()
    fs.appendFileSync(path.join(changed, 'rules/spin/a.yml'), 'rules: []\n')
    expect(snapshotUnusable({...usable, root: changed})).toMatch(/changed since the build/)

    const added = stamped()
    fs.writeFileSync(path.join(added, 'rules/spin/b.yml'), 'family: spin\n')
    expect(snapshotUnusable({...usable, root: added})).toMatch(/changed since the build/)

    const removed = stamped()
    fs.rmSync(path.join(removed, 'dist/index.js'))
    expect(snapshotUnusable({...usable, root: removed})).toMatch(/changed since the build/)

    const touched = stamped()
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(path.join(touched, 'dist/index.js'), later, later)
    expect(snapshotUnusable({...usable, root: touched})).toMatch(/changed since the build/)
  })

  test('another Node.js, V8 options, the opt-out, or no snapshot at all', () => {
    const other = stamped()
    const file = path.join(other, 'dist/snapshot/unspin.json')
    fs.writeFileSync(file, JSON.stringify({...JSON.parse(fs.readFileSync(file, 'utf8')), node: 'v0.0.1'}))
    expect(snapshotUnusable({...usable, root: other})).toMatch(/made with Node.js v0.0.1/)

    const root = stamped()
    expect(snapshotUnusable({root, env: {NODE_OPTIONS: '--max-old-space-size=4096'}, execArgv: []})).toMatch(/NODE_OPTIONS/)
    expect(snapshotUnusable({root, env: {}, execArgv: ['--inspect']})).toMatch(/options/)
    expect(snapshotUnusable({root, env: {UNSPIN_SNAPSHOT: '0'}, execArgv: []})).toMatch(/UNSPIN_SNAPSHOT/)

    const none = stamped()
    fs.rmSync(path.join(none, 'dist/snapshot/unspin.blob'))
    expect(snapshotUnusable({...usable, root: none})).toMatch(/no snapshot/)
    const broken = stamped()
    fs.writeFileSync(path.join(broken, 'dist/snapshot/unspin.json'), '{')
    expect(snapshotUnusable({...usable, root: broken})).toMatch(/no snapshot stamp/)
  })

  test('the bin then starts the plain way', () => {
    const run = unspin(['check', '--format', 'json', 'corpus/clean-01-council-budget.txt'], {env: {NODE_OPTIONS: '--max-old-space-size=4096'}})
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout).files).toHaveLength(1)
  })
})

test('the launcher works from this package (from src/ in tests, dist/ when built)', () => {
  expect(fs.realpathSync(LAUNCH_ROOT)).toBe(fs.realpathSync(ROOT))
})
