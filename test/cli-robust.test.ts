/**
 * What a demanding user does to a command-line tool: huge outputs, closed
 * pipes, unreadable folders, broken rule and config files, odd inputs.
 */
import fs from 'node:fs'
import path from 'node:path'
import {afterEach, describe, expect, it} from 'vitest'
import {spawnSync} from 'node:child_process'
import {BIN, ROOT, SEEDS, tempDir, unspin} from './helpers/cli.js'
import {writeJson, type JsonMessage, type JsonReport} from '../src/report/json.js'
import {writeSarif} from '../src/report/sarif.js'

// These tests run the CLI synchronously; a turn of the event loop after each
// lets the test runner's messages through (it gives up on them after 60 s).
afterEach(() => new Promise((resolve) => setImmediate(resolve)))

describe('large reports', () => {
  it('lists more findings than a function call can take arguments', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'many.txt'), 'We saw {hardware} here. '.repeat(150_000))
    const run = unspin(['check', '--only', 'spintax', 'many.txt'], {cwd: dir})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(1)
    expect(run.stdout.endsWith('⚠ 150000 findings\n')).toBe(true)
  })

  it('reports more broken JSONL records than a function call can take arguments', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.jsonl'), '{"text": "We saw {hardware} here."}\n' + '{broken\n'.repeat(150_000))
    const run = unspin(['check', '--format', 'json', 'a.jsonl'], {cwd: dir})
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(150_000)
    expect(lines[0]).toMatch(/^unspin: a\.jsonl:2: invalid JSON/)
    expect(JSON.parse(run.stdout).files.map((file: {path: string}) => file.path)).toEqual(['a.jsonl:1'])
  })

  it('writes JSON and SARIF longer than the longest string, in pieces', () => {
    // One message, many times: over 2^29 characters of output, little memory.
    const message: JsonMessage = {
      ruleId: 'spin/x',
      family: 'spin',
      severity: 'warning',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      start: 0,
      end: 1,
      actual: 'a',
      expected: ['b'],
      confidence: 0.9,
      reason: 'Unexpected `a`, expected `b`',
      note: 'n'.repeat(10_000)
    }
    const report: JsonReport = {version: 1, files: [{path: 'a.txt', spinScore: 1, messages: new Array(56_000).fill(message)}]}
    for (const format of [writeJson, writeSarif]) {
      let total = 0
      let largest = 0
      format(report, (chunk) => {
        total += chunk.length
        largest = Math.max(largest, chunk.length)
      })
      expect(total).toBeGreaterThan(2 ** 29)
      expect(largest).toBeLessThan(1 << 20)
    }
  })

  it('writes a file with few messages whole and one with many message by message, as JSON.stringify would', () => {
    const message = (index: number): JsonMessage => ({
      ruleId: 'spin/x',
      family: 'spin',
      severity: 'warning',
      line: 1,
      column: index + 1,
      endLine: 1,
      endColumn: index + 2,
      start: index,
      end: index + 1,
      actual: 'a"\u2028',
      expected: ['b', ''],
      confidence: 0.9,
      reason: 'Unexpected `a`',
      data: {evidence: 'none'}
    })
    const report: JsonReport = {
      version: 1,
      files: [
        {path: 'few.txt', spinScore: 0.5, messages: [message(0), message(1)]},
        {path: 'many.txt', spinScore: null, messages: Array.from({length: 1200}, (_, index) => message(index))},
        {path: 'none.txt', spinScore: 0, messages: []}
      ]
    }
    const chunks: string[] = []
    writeJson(report, (chunk) => chunks.push(chunk))
    expect(chunks.join('')).toBe(JSON.stringify(report) + '\n')
  })

  it('writes exactly what JSON.stringify would (corpus and seeds): JSON compact, SARIF laid out', () => {
    for (const [format, space] of [['json', undefined], ['sarif', 2]] as const) {
      const run = unspin(['check', '--format', format, '--min-confidence', '0', 'corpus', ...(fs.existsSync(SEEDS) ? [SEEDS] : [])], {cwd: ROOT})
      expect(run.code).toBe(1)
      expect(run.stdout).toBe(JSON.stringify(JSON.parse(run.stdout), null, space) + '\n')
    }
    const none = unspin(['check', '--format', 'json', 'missing.txt'], {cwd: ROOT})
    expect(none.stdout).toBe(JSON.stringify({version: 1, files: []}) + '\n')
    const empty = unspin(['check', '--format', 'json', '--only', 'glued'], {input: 'x'})
    expect(empty.stdout).toBe(JSON.stringify({version: 1, files: [{path: '<stdin>', spinScore: null, messages: []}]}) + '\n')
  })
})

describe('a closed standard output', () => {
  // Far more output than a pipe holds, so the writer meets the closed pipe.
  const big = tempDir()
  const spun = fs.readFileSync(path.join(ROOT, 'corpus/spun-01-energy.txt'))
  for (let index = 0; index < 60; index++) fs.writeFileSync(path.join(big, `spun-${String(index).padStart(2, '0')}.txt`), spun)

  const pipe = (args: string[], head: string) => {
    const dir = tempDir()
    const err = path.join(dir, 'err')
    const code = path.join(dir, 'code')
    const quoted = args.map((arg) => `'${arg}'`).join(' ')
    const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${quoted} 2>"${err}" | head ${head}; echo "\${PIPESTATUS[0]}" > "${code}"`], {
      cwd: big,
      encoding: 'utf8',
      env: {...process.env, NO_COLOR: '1'}
    })
    return {stdout: run.stdout, stderr: fs.readFileSync(err, 'utf8'), code: Number(fs.readFileSync(code, 'utf8'))}
  }

  it('ends `check | head` quietly with the usual exit code', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      // JSON is one line: its reader stops after so many characters instead.
      const run = pipe(['check', '--format', format, '.'], format === 'json' ? '-c 1000' : '-1')
      expect(run.stdout.length).toBeLessThanOrEqual(1000)
      if (format !== 'json') expect(run.stdout.split('\n')).toHaveLength(2)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(1)
    }
  })

  it('ends `fix --diff | head` quietly', () => {
    const run = pipe(['fix', '--diff', '.'], '-2')
    expect(run.stdout).toMatch(/^Index: spun-00\.txt\n={10,}\n$/)
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /)
    expect(run.code).toBe(0)
  })
})

describe('walking directories', () => {
  it('names a folder it cannot read, exits 2 and still checks the rest', () => {
    // Root reads any folder: run as an unprivileged user when we are root.
    const uid = process.getuid?.() === 0 ? 65534 : undefined
    const dir = tempDir()
    fs.chmodSync(dir, 0o755)
    const text = 'We bought {hardware} at the store in town today.\n'
    fs.mkdirSync(path.join(dir, 'corpus/locked/inner'), {recursive: true})
    fs.mkdirSync(path.join(dir, 'corpus/open'))
    fs.writeFileSync(path.join(dir, 'corpus/open/a.txt'), text)
    fs.writeFileSync(path.join(dir, 'corpus/locked/inner/b.txt'), text)
    fs.writeFileSync(path.join(dir, 'c.txt'), text)
    fs.chmodSync(path.join(dir, 'corpus/locked'), 0o000)
    try {
      for (const [args, files] of [
        [['corpus', 'c.txt'], ['corpus/open/a.txt', 'c.txt']],
        [['.'], ['c.txt', 'corpus/open/a.txt']],
        [['corpus/**/*.txt'], ['corpus/open/a.txt']]
      ] as const) {
        const run = unspin(['check', '--format', 'json', '--only', 'spintax', ...args], {cwd: dir, uid})
        expect(run.stderr).toBe('unspin: corpus/locked: permission denied\n')
        expect(run.code).toBe(2)
        expect(JSON.parse(run.stdout).files.map((file: {path: string}) => file.path)).toEqual(files)
      }
      const fix = unspin(['fix', '--diff', 'corpus'], {cwd: dir, uid})
      expect(fix.stderr).toBe('unspin: corpus/locked: permission denied\n')
      expect(fix.code).toBe(2)
      expect(fix.stdout).toContain('+We bought hardware at the store')
    } finally {
      fs.chmodSync(path.join(dir, 'corpus/locked'), 0o755)
    }
  })
})

describe('rule files', () => {
  it('refuses a --rules file whose family no plugin reads it for', () => {
    const dir = tempDir()
    const rule = '  - id: widget-gizmo\n    forms: {gizmo: widget}\n    confidence: 0.95\n    evidence: certain\n'
    const cases = [
      ['spinz.yml', `# house rules\nfamily: spinz\nrules:\n${rule}`, '2: unknown family `spinz` (expected spin, mt or boilerplate)'],
      ['names.yml', `family: names\nrules:\n${rule}`, '1: family `names` has no rule files (expected spin, mt or boilerplate; a name registry is given with --names)'],
      ['spintax.yml', `family: spintax\nrules:\n${rule}`, '1: family `spintax` has no rule files (expected spin, mt or boilerplate)'],
      ['glued.yml', 'family: glued\nrules: []\n', '1: family `glued` has no rule files (expected spin, mt or boilerplate)'],
      ['none.yml', `rules:\n${rule}`, '1: is missing `family` (which plugin the rules are for: spin, mt or boilerplate)']
    ]
    for (const [name, text, problem] of cases) {
      const file = path.join(dir, name!)
      fs.writeFileSync(file, text!)
      const run = unspin(['check', '--rules', file], {cwd: dir, input: 'a gizmo here'})
      expect(run.stderr).toBe(`unspin: ${file}:${problem}\n`)
      expect(run.code).toBe(2)
      expect(run.stdout).toBe('')
    }
    // The families that do take rule files still load.
    fs.writeFileSync(path.join(dir, 'spin.yml'), `family: spin\nrules:\n${rule}`)
    const spin = unspin(['check', '--format', 'json', '--rules', path.join(dir, 'spin.yml')], {cwd: dir, input: 'a gizmo here'})
    expect(spin.code).toBe(1)
    expect(JSON.parse(spin.stdout).files[0].messages[0].ruleId).toBe('spin/widget-gizmo')
  })
})

describe('fix --diff', () => {
  const hasPatch = spawnSync('patch', ['--version']).status === 0

  it.skipIf(!hasPatch)('prints a diff that `patch -p0` applies, with a BOM and any line ending', () => {
    const cases: Record<string, string> = {
      'bom.txt': '\uFEFFAs we speak, the Ok.G.B. met.\nWe bought {hardware} there.\n',
      'bom-crlf.txt': '\uFEFFAs we speak, the Ok.G.B. met.\r\nWe bought {hardware} there.',
      'bom-later.txt': '\uFEFFTitle\n\nA line.\nWe bought {hardware} there.\n\n\n\n\nThe end.\n',
      'crlf.txt': 'Title line\r\n\r\nWe bought {hardware} there.\r\nAnd {nails|screws} too.\r\n',
      'cr.txt': 'Title line\r\rWe bought {hardware} there.\r'
    }
    const dir = tempDir()
    for (const [name, text] of Object.entries(cases)) {
      fs.writeFileSync(path.join(dir, name), text)
      const fixed = spawnSync(process.execPath, [BIN, 'fix', name], {cwd: dir}).stdout
      const diff = unspin(['fix', '--diff', name], {cwd: dir})
      expect(diff.code).toBe(0)
      const applied = spawnSync('patch', ['-p0', '--batch', '--no-backup-if-mismatch'], {cwd: dir, input: diff.stdout, encoding: 'utf8'})
      expect(applied.stdout + applied.stderr).not.toMatch(/FAILED|malformed/i)
      expect(applied.status).toBe(0)
      expect(fs.readFileSync(path.join(dir, name))).toEqual(fixed)
      expect(fs.readFileSync(path.join(dir, name), 'utf8')).not.toContain('{hardware}')
    }
  })
})

describe('fix: proposals not applied', () => {
  it('lists each proposal a more confident overlapping one beat, on stderr', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'r.yml'), 'family: spin\nrules:\n  - id: widget-gizmo\n    forms: {gizmo: widget}\n    confidence: 0.95\n    evidence: certain\n')
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Title\n\nWe bought a {gizmo} here and {big|large} ones.\n')
    fs.writeFileSync(path.join(dir, 'b.jsonl'), '{"text": "We bought a {gizmo} here."}\n')
    const lost = '  a.txt:3:13  spintax/braces  `{gizmo}` → `gizmo`  0.92  overlaps spin/widget-gizmo (0.96)\n'
    const stdout = unspin(['fix', '--rules', 'r.yml', 'a.txt'], {cwd: dir})
    expect(stdout.code).toBe(0)
    expect(stdout.stdout).toBe('Title\n\nWe bought a widget here and big ones.\n')
    expect(stdout.stderr).toBe('a.txt: 3 fixes applied, 1 not applied (overlapped by a more confident fix)\n' + lost)
    const diff = unspin(['fix', '--rules', 'r.yml', '--diff', 'a.txt', 'b.jsonl'], {cwd: dir})
    expect(diff.stderr).toBe(
      'a.txt: 3 fixes applied, 1 not applied (overlapped by a more confident fix)\n' +
        lost +
        'b.jsonl: 2 fixes applied, 1 not applied (overlapped by a more confident fix)\n' +
        '  b.jsonl:1 1:13  spintax/braces  `{gizmo}` → `gizmo`  0.92  overlaps spin/widget-gizmo (0.96)\n'
    )
    const write = unspin(['fix', '--rules', 'r.yml', '--write', 'a.txt'], {cwd: dir})
    expect(write.stderr).toBe('a.txt: 3 fixes applied, 1 not applied (overlapped by a more confident fix)\n' + lost)
  })
})

describe('details', () => {
  it('reads stdin for `-`, in its place among the paths (check and fix)', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.txt'), 'We bought {hardware} at the store in town.\n')
    const input = 'They sold {nails} on Main Street today.\n'
    const check = unspin(['check', '--format', 'json', '--only', 'spintax', 'a.txt', '-', 'a.txt'], {cwd: dir, input})
    expect(check.stderr).toBe('')
    expect(check.code).toBe(1)
    expect(JSON.parse(check.stdout).files.map((file: {path: string; messages: Array<{actual: string}>}) => [file.path, file.messages[0]!.actual])).toEqual([
      ['a.txt', '{hardware}'],
      ['<stdin>', '{nails}']
    ])
    const fix = unspin(['fix', '-'], {cwd: dir, input})
    expect(fix.code).toBe(0)
    expect(fix.stdout).toBe('They sold nails on Main Street today.\n')
    const write = unspin(['fix', '--write', '-'], {cwd: dir, input})
    expect(write.code).toBe(2)
    expect(write.stderr).toBe('unspin: --write needs files; stdin is fixed to stdout\n')
  })

  it('names the configuration file for an unknown family in it', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'unspin.config.yml'), 'minConfidence: 0.5\ndisable:\n  - glued\n  - bogus\n')
    const run = unspin(['check'], {cwd: dir, input: 'We met.'})
    expect(run.stderr).toBe(`unspin: ${path.join(dir, 'unspin.config.yml')}:4: \`disable.1\` must be one of \`spin\`, \`spintax\`, \`names\`, \`boilerplate\`, \`glued\`, \`mojibake\`, \`mt\`\n`)
    expect(run.code).toBe(2)
    // On the command line it is still the option that is named.
    fs.rmSync(path.join(dir, 'unspin.config.yml'))
    expect(unspin(['check', '--disable', 'bogus'], {cwd: dir, input: 'We met.'}).stderr).toMatch(/^unspin: --disable: unknown family `bogus`/)
  })

  it('reports a broken JSON configuration as JSON, at its line', () => {
    const dir = tempDir()
    const file = path.join(dir, 'unspin.config.json')
    for (const [text, line] of [
      ['{\n  "minConfidence": 0.5,\n  "disable" ["glued"]\n}\n', 3],
      ['{\n  "disable": [glued]\n}\n', 2],
      ['{\n  "minConfidence": 0.5,\n', 3]
    ] as const) {
      fs.writeFileSync(file, text)
      const run = unspin(['check'], {cwd: dir, input: 'We met.'})
      expect(run.stderr).toMatch(new RegExp(`^unspin: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}: invalid JSON: [^\\n]+\\n$`))
      expect(run.code).toBe(2)
    }
    fs.rmSync(file)
    const manifest = path.join(dir, 'package.json')
    fs.writeFileSync(manifest, '{\n  "name": "x",\n  "unspin": {"x": 1},\n}\n')
    expect(unspin(['check'], {cwd: dir, input: 'We met.'}).stderr).toMatch(/package\.json:4: invalid JSON: [^\n]+\n$/)
    fs.writeFileSync(manifest, '{\n  "name": "x",\n  "unspin": {\n    "minConfidence": 2\n  }\n}\n')
    expect(unspin(['check'], {cwd: dir, input: 'We met.'}).stderr).toBe(`unspin: ${manifest}:4: \`unspin.minConfidence\` must be <= 1\n`)
  })

  it('says no "✓ no findings" when inputs could not be read', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'empty.txt'), '')
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'The council met on Tuesday and approved the budget.\n')
    const none = unspin(['check', 'empty.txt', 'missing.txt'], {cwd: dir})
    expect(none.stdout).toBe('')
    expect(none.stderr).toBe('unspin: missing.txt: no such file or directory\nunspin: empty.txt: file is empty\n')
    expect(none.code).toBe(2)
    const some = unspin(['check', 'empty.txt', 'clean.txt'], {cwd: dir})
    expect(some.stdout).toBe('no findings in what could be read (1 error)\n')
    expect(some.code).toBe(2)
    expect(unspin(['check', 'clean.txt'], {cwd: dir}).stdout).toBe('✓ no findings\n')
  })

  it('names files as they were given, and the library names the file and line too', async () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'sub'))
    const broken = 'family: spin\nrules:\n  - id: widget-gizmo\n    forms: {gizmo: widget}\n    confidence: 2\n    evidence: certain\n'
    fs.writeFileSync(path.join(dir, 'sub/mine.yml'), broken)
    fs.writeFileSync(path.join(dir, 'sub/lists.yml'), 'family: boilerplate\nlists: 3\n')
    fs.writeFileSync(path.join(dir, 'sub/config.yml'), 'minConfidence: 0.5\nfamilies: [spin]\n')
    const rules = unspin(['check', '--rules', 'sub/mine.yml'], {cwd: dir, input: 'a gizmo'})
    expect(rules.stderr).toBe('unspin: sub/mine.yml:5: `rules.0.confidence` must be <= 1\n')
    expect(rules.code).toBe(2)
    expect(unspin(['check', '--rules', './sub/lists.yml'], {cwd: dir, input: 'a gizmo'}).stderr).toBe('unspin: ./sub/lists.yml:2: `lists` must be array\n')
    expect(unspin(['check', '--config', 'sub/config.yml'], {cwd: dir, input: 'a gizmo'}).stderr).toBe('unspin: sub/config.yml:2: has unknown field `families`\n')
    expect(unspin(['fix', '--rules', 'sub/missing.yml'], {cwd: dir, input: 'a gizmo'}).stderr).toBe('unspin: sub/missing.yml: no such file or directory\n')

    const file = path.join(dir, 'sub/mine.yml')
    const {createEngine, unspin: check} = await import('../src/index.js')
    expect(() => createEngine({rules: [file]})).toThrow(`${file}:5: \`rules.0.confidence\` must be <= 1`)
    await expect(check('a gizmo', {rules: [file]})).rejects.toThrow(`${file}:5: \`rules.0.confidence\` must be <= 1`)
  })

  it('shows in the README what the commands really print', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    const command = 'npx unspin check --only names corpus/names-01-exile.txt'
    const block = readme.split('$ ' + command + '\n')[1]!.split('```')[0]!
    expect(unspin(['check', '--only', 'names', 'corpus/names-01-exile.txt'], {cwd: ROOT}).stdout).toBe(block)
    // unspin is not on the npm registry: `npx --yes unspin` would fetch something else, or nothing.
    expect(readme).not.toMatch(/npx --yes unspin/)
    // The broken rule file example, as printed.
    const example = /\$ unspin check --rules mine\.yml page\.txt\n(unspin: mine\.yml:6: .*)\n/.exec(readme)
    expect(example).not.toBeNull()
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'mine.yml'), 'family: spin\nrules:\n  - id: war-struggle\n    forms: {struggle: war}\n    evidence: weak\n    confidence: 2\n')
    fs.writeFileSync(path.join(dir, 'page.txt'), 'A page.\n')
    expect(unspin(['check', '--rules', 'mine.yml', 'page.txt'], {cwd: dir}).stderr).toBe(example![1] + '\n')
  })
})
