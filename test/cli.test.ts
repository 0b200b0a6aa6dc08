import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {tempDir, unspin} from './helpers/cli.js'

const SPUN = 'Today is fine. We met {hardware} dealers and {big|large|huge} crowds in the street.\n'

describe('unspin check', () => {
  it('reads stdin and prints exactly one JSON document', () => {
    const run = unspin(['check', '--format', 'json'], {input: SPUN})
    expect(run.code).toBe(1)
    const report = JSON.parse(run.stdout)
    expect(report.version).toBe(1)
    expect(report.files).toHaveLength(1)
    const [file] = report.files
    expect(file.path).toBe('<stdin>')
    expect(typeof file.spinScore).toBe('number')
    const debris = file.messages.find((message: {ruleId: string}) => message.ruleId === 'spintax/braces')
    expect(debris).toMatchObject({
      family: 'spintax',
      severity: 'warning',
      line: 1,
      column: 23,
      endLine: 1,
      endColumn: 33,
      actual: '{hardware}',
      expected: ['hardware']
    })
    expect(SPUN.slice(debris.start, debris.end)).toBe('{hardware}')
    const options = file.messages.find((message: {ruleId: string}) => message.ruleId === 'spintax/alternatives')
    expect(options.expected).toEqual(['big', 'large', 'huge'])
  })

  it('exits 0 when nothing is reported, and `unspin PATH` means check', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'clean.txt'), 'The council met on Tuesday and approved the budget.\n')
    const run = unspin(['clean.txt'], {cwd: dir})
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('no findings')
  })

  it('walks directories for .txt and .md and honours --only, --disable and --min-confidence', () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'sub'))
    fs.writeFileSync(path.join(dir, 'a.txt'), SPUN)
    fs.writeFileSync(path.join(dir, 'sub/b.md'), SPUN)
    fs.writeFileSync(path.join(dir, 'ignored.csv'), SPUN)
    const all = JSON.parse(unspin(['check', '--format', 'json', '.'], {cwd: dir}).stdout)
    expect(all.files.map((file: {path: string}) => file.path).sort()).toEqual(['a.txt', path.join('sub', 'b.md')])
    const none = unspin(['check', '--format', 'json', '--disable', 'spintax', 'a.txt'], {cwd: dir})
    expect(JSON.parse(none.stdout).files[0].messages.filter((m: {family: string}) => m.family === 'spintax')).toEqual([])
    const strict = JSON.parse(unspin(['check', '--format', 'json', '--min-confidence', '0.99', 'a.txt'], {cwd: dir}).stdout)
    expect(strict.files[0].messages).toEqual([])
  })

  it('expands globs', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.txt'), SPUN)
    fs.writeFileSync(path.join(dir, 'b.txt'), SPUN)
    const report = JSON.parse(unspin(['check', '--format', 'json', '*.txt'], {cwd: dir}).stdout)
    expect(report.files).toHaveLength(2)
  })

  it('reports usage errors with exit 2', () => {
    expect(unspin(['check', '--format', 'xml'], {input: 'x'}).code).toBe(2)
    expect(unspin(['check', '--only', 'nonsense'], {input: 'x'}).code).toBe(2)
    expect(unspin(['check', '--min-confidence', '7'], {input: 'x'}).code).toBe(2)
    const unknown = unspin(['check', '--frobnicate'], {input: 'x'})
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).not.toMatch(/\n\s+at /)
  })

  it('gives one line per bad input, exit 2, and still processes the good ones', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'good.txt'), SPUN)
    fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]))
    fs.writeFileSync(path.join(dir, 'empty.txt'), '')
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from('caf\xe9 au lait\n', 'latin1'))
    fs.mkdirSync(path.join(dir, 'locked'))
    fs.writeFileSync(path.join(dir, 'locked/x.txt'), SPUN)
    fs.chmodSync(path.join(dir, 'locked'), 0o000)
    const run = unspin(['check', '--format', 'json', 'good.txt', 'binary.txt', 'empty.txt', 'latin1.txt', 'missing.txt', 'locked'], {cwd: dir})
    fs.chmodSync(path.join(dir, 'locked'), 0o755)
    expect(run.code).toBe(2)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(process.getuid?.() === 0 ? 4 : 5)
    expect(run.stderr).toMatch(/binary\.txt: binary file/)
    expect(run.stderr).toMatch(/empty\.txt: file is empty/)
    expect(run.stderr).toMatch(/latin1\.txt: invalid UTF-8 at byte 3/)
    expect(run.stderr).toMatch(/missing\.txt: no such file or directory/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    const report = JSON.parse(run.stdout)
    expect(report.files.map((file: {path: string}) => file.path)).toContain('good.txt')
  })

  it('reports a broken JSONL record as FILE:LINE and still checks the other records', () => {
    const dir = tempDir()
    fs.writeFileSync(
      path.join(dir, 'a.jsonl'),
      '{"id":1,"text":"We bought {hardware} at the store in town today."}\n{"id":2,"text": broken}\n{"id":3,"text":"More {nails|screws} were sold on Main Street."}\n'
    )
    const run = unspin(['check', '--format', 'json', 'a.jsonl'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^unspin: a\.jsonl:2: invalid JSON/)
    const report = JSON.parse(run.stdout)
    expect(report.files.map((file: {path: string}) => file.path)).toEqual(['a.jsonl:1', 'a.jsonl:3'])
    // Annotations point at the file and the record's line.
    const github = unspin(['check', '--format', 'github', 'a.jsonl'], {cwd: dir}).stdout
    expect(github).toMatch(/^::warning file=a\.jsonl,line=1,endLine=1,title=spintax\/braces/m)
    expect(github).toMatch(/^::warning file=a\.jsonl,line=3,endLine=3,/m)
  })

  it('handles a single 10 MB line', () => {
    const dir = tempDir()
    const line = 'the council met {hardware} and went home '.repeat(250_000)
    fs.writeFileSync(path.join(dir, 'long.txt'), line)
    const run = unspin(['check', '--format', 'json', '--only', 'spintax', 'long.txt'], {cwd: dir})
    expect(run.code).toBe(1)
    expect(JSON.parse(run.stdout).files[0].messages.length).toBe(250_000)
  })

  it('reads the configuration and reports a broken one as FILE:LINE', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.txt'), SPUN)
    fs.writeFileSync(path.join(dir, 'unspin.config.yml'), 'minConfidence: 0.99\n')
    expect(JSON.parse(unspin(['check', '--format', 'json', 'a.txt'], {cwd: dir}).stdout).files[0].messages).toEqual([])
    fs.writeFileSync(path.join(dir, 'unspin.config.yml'), 'minConfidence: 0.5\nfamilies: [spin]\n')
    const broken = unspin(['check', 'a.txt'], {cwd: dir})
    expect(broken.code).toBe(2)
    expect(broken.stderr.trim()).toBe(`unspin: ${path.join(dir, 'unspin.config.yml')}:2: has unknown field \`families\``)
    fs.rmSync(path.join(dir, 'unspin.config.yml'))
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({name: 'x', unspin: {disable: ['spintax']}}))
    expect(JSON.parse(unspin(['check', '--format', 'json', 'a.txt'], {cwd: dir}).stdout).files[0].messages).toEqual([])
  })

  it('reports a broken rule file as FILE:LINE with exit 2', () => {
    const dir = tempDir()
    fs.writeFileSync(
      path.join(dir, 'mine.yml'),
      'family: spin\nrules:\n  - id: war-struggle\n    spun: struggle\n    original: war\n    confidence: 2\n    evidence: weak\n'
    )
    const run = unspin(['check', '--rules', 'mine.yml'], {cwd: dir, input: 'x'})
    expect(run.code).toBe(2)
    // Named as it was given (as in the README).
    expect(run.stderr.trim()).toBe('unspin: mine.yml:6: `rules.0.confidence` must be <= 1')
  })
})

describe('unspin fix', () => {
  it('fixes stdin to stdout, leaving every other byte alone', () => {
    const input = 'Caf\u00e9 \u201cnews\u201d:\r\n\tWe saw {hardware} here.  Two  spaces.\n'
    const run = unspin(['fix'], {input})
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('Caf\u00e9 \u201cnews\u201d:\r\n\tWe saw hardware here.  Two  spaces.\n')
  })

  it('writes files atomically, keeps a BOM, and is idempotent', () => {
    const dir = tempDir()
    const file = path.join(dir, 'a.txt')
    fs.writeFileSync(file, '\uFEFFWe bought {hardware} and {nails|screws} from the store on Main Street.\n')
    const first = unspin(['fix', '--write', 'a.txt'], {cwd: dir})
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/a\.txt: 2 fixes applied/)
    const once = fs.readFileSync(file, 'utf8')
    expect(once).toBe('\uFEFFWe bought hardware and nails from the store on Main Street.\n')
    unspin(['fix', '--write', 'a.txt'], {cwd: dir})
    expect(fs.readFileSync(file, 'utf8')).toBe(once)
    expect(fs.readdirSync(dir)).toEqual(['a.txt'])
  })

  it('prints a unified diff with --diff and changes nothing', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.txt'), 'We bought {hardware} today at the store in town.\n')
    const run = unspin(['fix', '--diff', 'a.txt'], {cwd: dir})
    expect(run.stdout).toContain('-We bought {hardware} today')
    expect(run.stdout).toContain('+We bought hardware today')
    expect(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8')).toContain('{hardware}')
  })

  it('keeps the byte order mark on stdout', () => {
    const run = unspin(['fix'], {input: Buffer.from('\uFEFFWe bought {hardware} at the store in town today.\n')})
    expect(run.stdout).toBe('\uFEFFWe bought hardware at the store in town today.\n')
  })

  it('refuses several inputs without --write or --diff', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'a.txt'), SPUN)
    fs.writeFileSync(path.join(dir, 'b.txt'), SPUN)
    const run = unspin(['fix', 'a.txt', 'b.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
  })

  it('reports a file it cannot write and still fixes the others', () => {
    // Root writes through read-only folders, so run as an unprivileged user when we are root.
    const uid = process.getuid?.() === 0 ? 65534 : undefined
    const dir = tempDir()
    fs.chmodSync(dir, 0o777)
    fs.mkdirSync(path.join(dir, 'ro'))
    fs.writeFileSync(path.join(dir, 'ro/a.txt'), SPUN)
    fs.writeFileSync(path.join(dir, 'b.txt'), SPUN)
    fs.chmodSync(path.join(dir, 'ro'), 0o555)
    fs.chmodSync(path.join(dir, 'b.txt'), 0o666)
    const run = unspin(['fix', '--write', 'ro/a.txt', 'b.txt', 'missing.txt'], {cwd: dir, uid})
    fs.chmodSync(path.join(dir, 'ro'), 0o755)
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/ro\/a\.txt: cannot write/)
    expect(run.stderr).toMatch(/missing\.txt: no such file/)
    expect(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8')).not.toContain('{hardware}')
  })

  it('writes nothing for a bad input and exits 2', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0xff, 0xfe, 0x00, 0x41]))
    const run = unspin(['fix', '--write', 'bad.txt'], {cwd: dir})
    expect(run.code).toBe(2)
    expect(fs.readFileSync(path.join(dir, 'bad.txt'))).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x41]))
  })
})
