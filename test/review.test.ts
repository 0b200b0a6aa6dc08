import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {PassThrough} from 'node:stream'
import {fileURLToPath} from 'node:url'
import {VFile} from 'vfile'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {InputError} from '../src/core/io.js'
import {report} from '../src/core/report.js'
import type {UnspinMessage} from '../src/core/types.js'
import {main} from '../src/cli/main.js'
import type {Io} from '../src/cli/shared.js'
import {interactiveFix} from '../src/cli/interactive.js'
import {diffPlan, planApply, summarizePlan, writePlan} from '../src/review/apply.js'
import {buildReview, readSource, sha256} from '../src/review/model.js'
import {renderPage} from '../src/review/page.js'
import {parseDecisions, parseReport} from '../src/review/schema.js'
import type {DecisionsFile, JsonReport, ReviewSource} from '../src/review/types.js'

const FIXTURES = fileURLToPath(new URL('fixtures/review/', import.meta.url))
const TEXT = 'Belarus was dragged into a struggle.\nThe army marketing campaign faltered subsequent door.\n'

function message(text: string, actual: string, expected: string[], extra: Partial<JsonReport['files'][0]['messages'][0]> = {}) {
  const start = text.indexOf(actual)
  return {ruleId: 'spin/test', family: 'spin', start, end: start + actual.length, actual, expected, confidence: 0.9, reason: `Unexpected \`${actual}\``, ...extra}
}

function source(text = TEXT, file = '/tmp/x/story.txt'): ReviewSource {
  return {path: file, displayPath: 'story.txt', text, sha256: sha256(text)}
}

function storyReport(): JsonReport {
  return {
    version: 1,
    files: [
      {
        path: 'story.txt',
        spinScore: 0.9,
        messages: [
          message(TEXT, 'struggle', ['war'], {ruleId: 'spin/war-struggle', note: 'Spinners replace war.'}),
          message(TEXT, 'marketing campaign', ['campaign'], {ruleId: 'spin/campaign', confidence: 0.95}),
          message(TEXT, 'subsequent door', ['next door', 'nearby'], {ruleId: 'spin/door', confidence: 0.6})
        ]
      }
    ]
  }
}

describe('review model', () => {
  it('offers no suggestion for a message that proposes nothing (`expected: []`), and a deletion for `expected: [""]`', () => {
    const report = storyReport()
    report.files[0]!.messages = [message(TEXT, 'struggle', []), message(TEXT, 'marketing campaign', [''])]
    const suggestions = buildReview(report, [source()]).files[0]!.suggestions
    expect(suggestions.map((s) => [s.actual, s.expected])).toEqual([['marketing campaign', ['']]])
  })

  it('gives each suggestion a stable id, its place and the words around it', () => {
    const model = buildReview(storyReport(), [source()])
    const [first, second, third] = model.files[0]!.suggestions
    expect(first).toMatchObject({ruleId: 'spin/war-struggle', rule: 'war-struggle', line: 1, column: 28, before: 'Belarus was dragged into a ', after: '.', clippedBefore: false})
    expect(second).toMatchObject({line: 2, column: 10, before: 'The army ', after: ' faltered subsequent door.'})
    expect(third!.expected).toEqual(['next door', 'nearby'])
    // Same content, same ids and key: a regenerated page finds its saved decisions.
    const again = buildReview(storyReport(), [source()])
    expect(again.files[0]!.suggestions.map((s) => s.id)).toEqual(model.files[0]!.suggestions.map((s) => s.id))
    expect(again.key).toBe(model.key)
    expect(buildReview(storyReport(), [source(TEXT, '/elsewhere/story.txt')]).key).not.toBe(model.key)
  })

  it('cuts long context at word boundaries and marks the cut', () => {
    const text = 'one two three four five six seven eight nine ten SPUN a b c d e f g h i j\n'
    const model = buildReview({version: 1, files: [{path: 'x', messages: [message(text, 'SPUN', ['x'])]}]}, [source(text)])
    const [s] = model.files[0]!.suggestions
    expect(s).toMatchObject({before: 'three four five six seven eight nine ten ', clippedBefore: true, after: ' a b c d e f g h', clippedAfter: true})
  })

  it('refuses a report that no longer matches its file', () => {
    expect(() => buildReview(storyReport(), [source(TEXT.replace('struggle', 'war'))])).toThrow(InputError)
    expect(() => buildReview(storyReport(), [source(TEXT.replace('struggle', 'war'))])).toThrow(/changed since the check/)
  })

  it('groups names suggestions into clusters by variant', () => {
    const report = parseReport(fs.readFileSync(path.join(FIXTURES, 'names.report.json'), 'utf8'), 'names.report.json')
    const text = fs.readFileSync(path.join(FIXTURES, 'names.txt'), 'utf8')
    const model = buildReview(report, [source(text, '/tmp/names.txt')])
    expect(model.clusters).toHaveLength(1)
    expect(model.clusters[0]!.canonical).toBe('Zelenskyy')
    expect(model.clusters[0]!.variants.map((v) => v.actual).sort()).toEqual(['Zelenskiy', 'Zelensky', 'Zelenskyi'])
  })

  it('validates a JSON report where it enters', () => {
    expect(() => parseReport('{', 'r.json')).toThrow(/^invalid JSON/)
    expect(() => parseReport('{"version":1,"files":[{"path":"a","messages":[{"ruleId":"x"}]}]}', 'r.json')).toThrow(
      '/files/0/messages/0: missing `family`'
    )
    expect(() => parseReport('{"version":2,"files":[]}', 'r.json')).toThrow('/version: expected 1')
  })
})

describe('review page', () => {
  const model = () => buildReview(storyReport(), [source()], new Date('2024-01-02T03:04:05Z'))

  it('renders every suggestion with accept and reject buttons, and an export control', () => {
    const html = renderPage(model())
    const ids = model().files[0]!.suggestions.map((s) => s.id)
    for (const id of ids) {
      const card = html.slice(html.indexOf(`data-suggestion="${id}"`), html.indexOf('</article>', html.indexOf(`data-suggestion="${id}"`)))
      expect(card).toContain('data-action="accept"')
      expect(card).toContain('data-action="reject"')
    }
    expect(html.match(/data-suggestion="/g)).toHaveLength(3)
    expect(html).toContain('data-action="export"')
    expect(html).toContain('<del>struggle</del>')
    expect(html).toContain('<ins data-replacement>war</ins>')
    expect(html).toContain('Spinners replace war.')
    // Both replacements of the last one are offered.
    expect(html).toMatch(/name="alt-s[0-9a-f]+" value="1"/)
  })

  it('is self-contained: no external resources, and a policy that forbids fetching any', () => {
    const html = renderPage(model())
    expect(html).not.toMatch(/\b(src|href)=["'](https?:)?\/\//)
    expect(html).not.toMatch(/@import|url\(http/)
    expect(html).toMatch(/Content-Security-Policy" content="default-src &#39;none&#39;/)
  })

  it('escapes hostile text everywhere it appears', () => {
    const text = 'Hello </script><img src=x onerror=alert(1)> "world" & more\n'
    const hostile = {version: 1 as const, files: [{path: 'h.txt', messages: [message(text, '</script><img src=x onerror=alert(1)>', ['<b>"x"</b>'], {note: '<i>n</i>'})]}]}
    const html = renderPage(buildReview(hostile, [source(text)]))
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('<b>"x"</b>')
    expect(html).not.toContain('<i>n</i>')
    // Exactly the two script elements the page is made of.
    expect(html.match(/<\/script>/g)).toHaveLength(2)
  })

  it('says so when there is nothing to review', () => {
    const html = renderPage(buildReview({version: 1, files: [{path: 'a', messages: []}]}, [source()]))
    expect(html).toContain('Nothing to review')
    expect(html).not.toContain('data-suggestion="')
  })
})

describe('decisions and apply', () => {
  let folder: string
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-apply-'))
    fs.writeFileSync(path.join(folder, 'story.txt'), TEXT)
  })
  afterEach(() => fs.rmSync(folder, {recursive: true, force: true}))

  function decisions(entries: DecisionsFile['files'][0]['decisions'], file = 'story.txt', hash = sha256(TEXT)): DecisionsFile {
    return {version: 1, files: [{path: file, sha256: hash, decisions: entries}]}
  }
  const at = (actual: string) => ({start: TEXT.indexOf(actual), end: TEXT.indexOf(actual) + actual.length, actual})

  it('applies accepted decisions only, relative to the decisions file', async () => {
    const plan = await planApply(
      decisions([
        {id: 'a', ...at('struggle'), replacement: 'war', decision: 'accept'},
        {id: 'b', ...at('marketing campaign'), replacement: 'campaign', decision: 'reject'},
        {id: 'c', ...at('subsequent door'), replacement: 'next door', decision: 'accept'}
      ]),
      path.join(folder, 'decisions.json')
    )
    expect(plan.files[0]!.text).toBe(TEXT.replace('struggle', 'war').replace('subsequent door', 'next door'))
    expect(summarizePlan(plan)).toBe('story.txt: 2 applied, 1 rejected\napplied 2 edits in 1 file')
    expect(diffPlan(plan)).toContain('--- a/story.txt\n+++ b/story.txt\n@@ -1,2 +1,2 @@\n-Belarus was dragged into a struggle.\n')
    expect(diffPlan(plan)).toContain('+The army marketing campaign faltered next door.\n')
    expect(fs.readFileSync(path.join(folder, 'story.txt'), 'utf8')).toBe(TEXT)
    await writePlan(plan)
    expect(fs.readFileSync(path.join(folder, 'story.txt'), 'utf8')).toBe(plan.files[0]!.text)
  })

  it('refuses, naming the file, when it changed since the review', async () => {
    fs.appendFileSync(path.join(folder, 'story.txt'), 'more\n')
    await expect(
      planApply(decisions([{id: 'a', ...at('struggle'), replacement: 'war', decision: 'accept'}]), path.join(folder, 'decisions.json'))
    ).rejects.toThrow(expect.objectContaining({path: 'story.txt', message: expect.stringMatching(/changed since it was reviewed/)}))
  })

  it('refuses a decision whose text is not at its offsets', async () => {
    await expect(
      planApply(decisions([{id: 'a', start: 0, end: 3, actual: 'war', replacement: 'x', decision: 'accept'}]), path.join(folder, 'd.json'))
    ).rejects.toThrow(/decision a: the text at 0-3 is not `war`/)
  })

  it('keeps the more confident of two overlapping accepted edits and says which was skipped', async () => {
    const plan = await planApply(
      decisions([
        {id: 'low', ...at('marketing campaign'), replacement: 'campaign', decision: 'accept', confidence: 0.6},
        {id: 'high', ...at('army marketing campaign'), replacement: 'military campaign', decision: 'accept', confidence: 0.95}
      ]),
      path.join(folder, 'd.json')
    )
    expect(plan.files[0]!.text).toContain('The military campaign faltered')
    expect(summarizePlan(plan)).toContain('1 skipped (overlapping a more confident edit: low)')
  })

  it('validates the decisions file where it enters', () => {
    expect(() => parseDecisions('{"version":1,"files":[{"path":"a","sha256":"x","decisions":[]}]}', 'd.json')).toThrow(/\/files\/0\/sha256/)
    expect(() =>
      parseDecisions(JSON.stringify(decisions([{id: 'a', start: 5, end: 2, actual: '', replacement: '', decision: 'accept'}])), 'd.json')
    ).toThrow('/files/0/decisions/0: end (2) is before start (5)')
    expect(() => parseDecisions(JSON.stringify(decisions([{id: 'a', start: 0, end: 1, actual: 'B', replacement: '', decision: 'maybe' as 'accept'}])), 'd.json')).toThrow(
      'expected one of "accept", "reject"'
    )
  })
})

describe('unspin apply and unspin review (CLI)', () => {
  let folder: string
  let out: string
  let err: string
  const io = (): Io => ({
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    readStdin: async () => Buffer.from(''),
    stdinIsTty: true,
    stdoutIsTty: false,
    cwd: folder
  })
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-cli-'))
    out = ''
    err = ''
    fs.writeFileSync(path.join(folder, 'story.txt'), TEXT)
  })
  afterEach(() => fs.rmSync(folder, {recursive: true, force: true}))

  it('builds a page from a report, and applies and refuses like the page promises', async () => {
    fs.writeFileSync(path.join(folder, 'report.json'), JSON.stringify(storyReport()))
    expect(await main(['node', 'unspin', 'review', '--report', 'report.json', '--out', 'page.html'], io())).toBe(0)
    expect(out).toMatch(/^page\.html: 3 suggestions in 1 file\n/)
    const html = fs.readFileSync(path.join(folder, 'page.html'), 'utf8')
    expect(html.match(/data-suggestion="/g)).toHaveLength(3)

    const start = TEXT.indexOf('struggle')
    const file: DecisionsFile = {
      version: 1,
      files: [{path: 'story.txt', sha256: sha256(TEXT), decisions: [{id: 'a', start, end: start + 8, actual: 'struggle', replacement: 'war', decision: 'accept'}]}]
    }
    fs.writeFileSync(path.join(folder, 'decisions.json'), JSON.stringify(file))
    out = ''
    expect(await main(['node', 'unspin', 'apply', '--decisions', 'decisions.json', '--dry-run'], io())).toBe(0)
    expect(out).toContain('+Belarus was dragged into a war.')
    expect(fs.readFileSync(path.join(folder, 'story.txt'), 'utf8')).toBe(TEXT)
    out = ''
    expect(await main(['node', 'unspin', 'apply', '--decisions', 'decisions.json'], io())).toBe(0)
    expect(out).toBe('story.txt: 1 applied\napplied 1 edit in 1 file\n')
    expect(fs.readFileSync(path.join(folder, 'story.txt'), 'utf8')).toBe(TEXT.replace('struggle', 'war'))
    err = ''
    expect(await main(['node', 'unspin', 'apply', '--decisions', 'decisions.json'], io())).toBe(2)
    expect(err).toBe('unspin: story.txt: changed since it was reviewed (sha256 differs); nothing was applied, review it again\n')
  })

  it('reviews a JSONL file record by record and applies to the raw JSON, escapes kept', async () => {
    const lines = [
      '{"id":1,"text":"As we speak, the caf\\u00e9 owner said the Ok.G.B. came. {hardware}","n":1.50}',
      '{"id":2}',
      '{"id":3,"text":"Nothing to see \\"here\\"."}'
    ]
    const source = lines.join('\n') + '\n'
    fs.writeFileSync(path.join(folder, 'dump.jsonl'), source)
    expect(await main(['node', 'unspin', 'review', 'dump.jsonl', '--out', 'page.html'], io())).toBe(0)
    const html = fs.readFileSync(path.join(folder, 'page.html'), 'utf8')
    const data = JSON.parse(/<script type="application\/json" id="unspin-data">(.*?)<\/script>/s.exec(html)![1]!) as {
      files: Array<{path: string; sha256: string}>
      suggestions: Record<string, {file: number; start: number; end: number; actual: string; expected: string[]}>
    }
    const suggestions = Object.entries(data.suggestions)
    expect(suggestions.map(([, s]) => s.actual).sort()).toEqual(['As we speak', 'Ok.G.B.', '{hardware}'])
    for (const [, s] of suggestions) expect(source.slice(s.start, s.end)).toBe(s.actual)
    const decisions: DecisionsFile = {
      version: 1,
      files: [
        {
          path: 'dump.jsonl',
          sha256: data.files[0]!.sha256,
          decisions: suggestions.map(([id, s]) => ({id, start: s.start, end: s.end, actual: s.actual, replacement: s.expected[0]!, decision: 'accept' as const}))
        }
      ]
    }
    fs.writeFileSync(path.join(folder, 'decisions.json'), JSON.stringify(decisions))
    expect(await main(['node', 'unspin', 'apply', '--decisions', 'decisions.json'], io())).toBe(0)
    expect(fs.readFileSync(path.join(folder, 'dump.jsonl'), 'utf8')).toBe(
      ['{"id":1,"text":"Today, the caf\\u00e9 owner said the K.G.B. came. hardware","n":1.50}', lines[1], lines[2]].join('\n') + '\n'
    )
  })

  it('leaves out of a JSONL review a match that proposes nothing (a proximity match with words between)', async () => {
    fs.writeFileSync(path.join(folder, 'list.csv'), 'tortured_phrase,expected_phrase,num_papers\n"""fluffy gizmo""~3",fuzzy gadget,10\n')
    fs.writeFileSync(path.join(folder, 'lab.jsonl'), '{"text":"We built a fluffy red gizmo. The fluffy gizmo works."}\n')
    const code = await main(['node', 'unspin', 'review', 'lab.jsonl', '--only', 'spin', '--fingerprints', 'list.csv', '--min-confidence', '0.05', '--out', 'page.html'], io())
    expect(err).toBe('')
    expect(code).toBe(0)
    const html = fs.readFileSync(path.join(folder, 'page.html'), 'utf8')
    const data = JSON.parse(/<script type="application\/json" id="unspin-data">(.*?)<\/script>/s.exec(html)![1]!) as {
      suggestions: Record<string, {actual: string; expected: string[]}>
    }
    // "fluffy red gizmo" is found too, but with no rewrite there is nothing to decide.
    expect(Object.values(data.suggestions).map((s) => [s.actual, s.expected])).toEqual([['fluffy gizmo', ['fuzzy gadget']]])
  })

  it('gives one line and exit 2 for bad input', async () => {
    expect(await main(['node', 'unspin', 'apply', '--decisions', 'missing.json'], io())).toBe(2)
    expect(err).toBe('unspin: missing.json: no such file or directory\n')
    err = ''
    fs.writeFileSync(path.join(folder, 'bad.json'), '{"version":1}')
    expect(await main(['node', 'unspin', 'apply', '--decisions', 'bad.json'], io())).toBe(2)
    expect(err).toBe('unspin: bad.json: /: missing `files`\n')
    err = ''
    expect(await main(['node', 'unspin', 'review'], io())).toBe(2)
    expect(err).toMatch(/^unspin: review needs files/)
  })

  it('reads the bytes it hashes: a BOM is hashed but not part of the offsets', async () => {
    fs.writeFileSync(path.join(folder, 'bom.txt'), '\uFEFF' + TEXT)
    const read = await readSource('bom.txt', folder)
    expect(read.text).toBe(TEXT)
    expect(read.sha256).toBe(sha256(fs.readFileSync(path.join(folder, 'bom.txt'))))
  })
})

describe('interactive fix', () => {
  function messages(text: string, specs: Array<[string, string[]]>): UnspinMessage[] {
    const file = new VFile({path: 'story.txt', value: text})
    return specs.map(([actual, expected]) => {
      const start = text.indexOf(actual)
      return report(file, {family: 'spin', rule: 'test', start, end: start + actual.length, actual, expected, confidence: 0.9, reason: `Unexpected \`${actual}\``})
    })
  }

  async function answer(keys: string, inputs: Array<{path: string; text: string}>, found: UnspinMessage[][]) {
    const input = new PassThrough()
    input.end(keys)
    let shown = ''
    const edits = await interactiveFix(inputs, found, {input, write: (text) => void (shown += text), color: false})
    return {edits, shown}
  }

  const specs: Array<[string, string[]]> = [['struggle', ['war']], ['marketing campaign', ['campaign']], ['subsequent door', ['next door', 'nearby']]]

  it('asks about each suggestion in reading order: y applies, n skips, a digit picks a replacement', async () => {
    const {edits, shown} = await answer('y\nn\n2\n', [{path: 'story.txt', text: TEXT}], [messages(TEXT, specs)])
    expect(edits[0]!.map((e) => e.replacement)).toEqual(['war', 'nearby'])
    expect(shown).toContain('story.txt:1:28  spin/test')
    expect(shown).toContain('- Belarus was dragged into a struggle.')
    expect(shown).toContain('+ Belarus was dragged into a war.')
    expect(shown).toContain('(3/3) Apply this suggestion [y,n,a,d,q,1-2,?]? ')
  })

  it('a takes the rest of the file, d drops it, q stops, and ? or an unknown key asks again', async () => {
    const two = [{path: 'a.txt', text: TEXT}, {path: 'b.txt', text: TEXT}]
    const found = [messages(TEXT, specs), messages(TEXT, specs)]
    const first = await answer('?\nn\na\nd\n', two, found)
    expect(first.edits.map((list) => list.map((e) => e.replacement))).toEqual([['campaign', 'next door'], []])
    expect(first.shown).toContain('a - apply this and every later suggestion in the file')
    const quit = await answer('y\nq\n', two, found)
    expect(quit.edits.map((list) => list.length)).toEqual([1, 0])
    // End of input is a quit, not an error.
    expect((await answer('', two, found)).edits).toEqual([[], []])
  })

  it('prints colour only when asked to', async () => {
    const input = new PassThrough()
    input.end('n\n')
    let shown = ''
    await interactiveFix([{path: 'story.txt', text: TEXT}], [messages(TEXT, [['struggle', ['war']]])], {input, write: (text) => void (shown += text), color: true})
    expect(shown).toMatch(/\u001B\[31m- Belarus/)
  })
})
