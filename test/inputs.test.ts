import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {engineInputs, openSource, formatOf, loading} from '../src/inputs/index.js'
import {fieldSpan, rawOffsets} from '../src/inputs/jsonl.js'
import {fixSources} from '../src/inputs/fix.js'
import {createEngine} from '../src/engine/index.js'
import {seed, tempDir, unspin} from './helpers/cli.js'

const engine = createEngine({only: ['boilerplate', 'glued', 'mojibake', 'spintax'], minConfidence: 0.7})
const cleanText = (text: string, file: string, options = {}) =>
  fixSources([openSource({path: file, text, bom: false}, options)], engine, options)[0]!.text

const para = 'Police said on Monday that the bridge would stay closed for at least two more weeks while engineers inspected it.'

describe('formats', () => {
  it('picks the format from the extension', () => {
    expect(['a.txt', 'a.md', 'b.HTML', 'c.htm', 'd.jsonl', 'e.ndjson', 'f'].map((file) => formatOf(file))).toEqual([
      'txt', 'md', 'html', 'html', 'jsonl', 'jsonl', 'txt'
    ])
  })

  it('markdown: same offsets, prose only; code, front matter and URLs untouched', () => {
    const source = [
      '---',
      'title: Advertisement',
      '---',
      '',
      '# Storm closes bridge',
      '',
      para,
      '',
      'Advertisement',
      '',
      '```',
      'Advertisement',
      'cafÃ©',
      '```',
      '',
      'See [the Daily Beast](https://example.com/Beastthat) and `cafÃ©` and https://x.example/cafÃ© too. The cafÃ© opened.',
      '',
      para
    ].join('\n')
    const doc = openSource({path: 'a.md', text: source, bom: false}).docs[0]!
    expect(doc.text.length).toBe(source.length)
    expect(doc.text).not.toContain('title:')
    expect(doc.text).not.toContain('https://')
    const out = cleanText(source, 'a.md')
    expect(out).toBe(source.replace('\nAdvertisement\n\n```', '\n```').replace('The cafÃ© opened', 'The café opened'))
  })

  it('markdown: a GitHub table is content, not a breadcrumb; its cells are still checked', () => {
    const table = [
      '| file | what it is | found |',
      '|---|---|---|',
      '| `a.txt` | an article from the Daily Beastthat | none |',
      '| `b.txt` | a news report | www.example.com/News |'
    ].join('\n')
    const source = ['# Samples', '', para, '', table, '', '~~Old note~~ and a task:', '', '- [x] Check the figures with the council', '', para].join('\n')
    const [file] = createEngine({only: ['boilerplate', 'glued'], minConfidence: 0.5}).check(openSource({path: 'a.md', text: source, bom: false}).docs)
    const found = file!.messages.map((message) => `${message.ruleId} ${String((message as {actual?: string}).actual)}`)
    expect(found).toEqual(['glued/glued-word Beastthat'])
    const doc = openSource({path: 'a.md', text: source, bom: false}).docs[0]!
    expect(doc.text).not.toContain('|')
    expect(doc.text).not.toContain('[x]')
    expect(doc.text).not.toContain('www.example.com')
  })

  it('markdown: a heading is the document\'s structure, not furniture by its place or repetition', () => {
    const page = (topic: string) =>
      ['## Install', '', `${para} The ${topic} report follows.`, '', '## Usage', '', para, '', '## License', '', para, '', 'Share this article'].join('\n')
    const engine = createEngine({only: ['boilerplate'], minConfidence: 0.5})
    const rules = (format: string) =>
      engine
        .check(engineInputs(['roads', 'rail', 'ports', 'bridges'].map((topic) => openSource({path: `${topic}.${format}`, text: page(topic), bom: false}))))
        .flatMap((file) => file.messages.map((message) => `${message.ruleId} ${String((message as {actual?: string}).actual).trim()}`))
    // As text, the repeated headings are furniture repeated across the run.
    expect(rules('txt')).toContain('boilerplate/repeated ## Usage')
    // As Markdown only what the lines say still counts.
    expect([...new Set(rules('md'))]).toEqual(['boilerplate/share Share this article'])
  })

  it('a Markdown document read as text: its code blocks, link definitions and (then) headings are not furniture by shape or repetition', () => {
    const readme = (name: string, fence = '```') =>
      [
        `# ${name}`,
        '',
        `${para} The ${name} package does one thing.`,
        '',
        '## Use',
        '',
        `${fence}js`,
        `import {${name}} from '${name}'`,
        '',
        `${name}(function () {`,
        '  console.log(1)',
        '})',
        fence,
        '',
        'Yields:',
        '',
        '## License',
        '',
        '[MIT][license] © Someone',
        '',
        `[license]: https://example.com/${name}/license`,
        '[build-badge]: https://example.com/badge.svg'
      ].join('\n')
    const engine = createEngine({only: ['boilerplate'], minConfidence: 0.5})
    const found = (texts: string[]) =>
      engine
        .check(engineInputs(texts.map((text, index) => openSource({path: `${index}.txt`, text, bom: false}))))
        .flatMap((file) => file.messages.map((message) => `${message.ruleId} ${String((message as {actual?: string}).actual).trim()}`))
    const names = ['alpha', 'beta', 'gamma', 'delta']
    // The page's own short line after the last paragraph is still furniture by its shape, and the copyright line
    // by what it says; the fences, the code ("})"), "## Use" and the link definitions are nothing.
    expect([...new Set(found(names.map((name) => readme(name))))]).toEqual(['boilerplate/navigation Yields:', 'boilerplate/footer [MIT][license] © Someone'])
    // A fence that is never closed is not a code block: the lines after it are read as lines again, so
    // "})" is a short line of the page, and the link definitions after it are still the document's own.
    const unclosed = found(names.map((name) => readme(name).replace(/\n```\n/, '\n')))
    expect(unclosed).toContain('boilerplate/navigation })')
    expect(unclosed.filter((line) => line.includes(']: '))).toEqual([])
    // Without a fence or a link definition the text is not known for Markdown, and its repeated
    // headings are read as a page's.
    const plain = found(names.map((name) => readme(name).replace(/\n```\n/, '\n').replace(/\n\[license\]:[^]*$/, '')))
    expect(plain).toContain('boilerplate/navigation ## Use')
    // Lines of tildes are a divider of plain text, not a fence: the navigation between them stays furniture.
    const divided = found([`${para}\n\n${para}\n\n~~~~~~~~~~~~~~~~\n\nHome\nNews\nSport\n\n~~~~~~~~~~~~~~~~\n`])
    expect(divided).toEqual(expect.arrayContaining(['boilerplate/navigation News', 'boilerplate/navigation Sport']))
  })

  it('markdown: headings and table rows are furniture only by what they say, wherever they sit, in long files too', () => {
    const engine = createEngine({only: ['boilerplate'], minConfidence: 0.5})
    const rules = (path: string, text: string) =>
      engine.check(engineInputs([openSource({path, text, bom: false})]))[0]!.messages.map((message) => `${message.ruleId} ${String((message as {actual?: string}).actual).trim()}`)
    const changelog = ['## 3.0.2 / 2018-07-19', '', para, '', '## Share this article', '', para, '', '| Date | Version | Change |', '|---|---|---|', '| 2018-07-19 | 3.0.2 | Fixed the parser |', '| 2017-04-27 | 3.0.1 | Faster start-up |'].join('\n')
    // A changelog's dated heading and a table closing the file stay; a heading that says "Share this" goes.
    expect(rules('CHANGELOG.md', changelog)).toEqual(['boilerplate/share Share this article'])
    // The same table in plain text, after the last paragraph, is content too.
    const table = ['Name    | Age | City', 'Bob     | 23  | Paris', 'Alice   | 31  | Lyon'].join('\n')
    expect(rules('people.txt', [para, '', para, '', table].join('\n'))).toEqual([])
    // In a file checked in parts, each part gets the offsets of its own structure.
    const prose = `${para} ${para} ${para} ${para} ${para}`
    const long = Array.from({length: 60}, (_, index) => `## Section ${index + 1} / 2018-07-19\n\n${prose}\n\n${prose}\n`).join('\n')
    expect(long.length).toBeGreaterThan(64 * 1024)
    expect(rules('long.md', long)).toEqual([])
    expect(rules('long.txt', long).length).toBeGreaterThan(0)
  })

  it('html: text with positions; a deleted line removes its element; scripts never seen', () => {
    const source = `<!doctype html><html><head><title>Advertisement</title><script>var s = "Advertisement";</script></head><body>
<nav><a href="/">Home</a> » <a href="/world">World</a> » <a href="/x">Storm</a></nav>
<h1>Storm closes bridge</h1>
<p>${para}</p>
<div class="ad">Advertisement</div>
<p>The caf&eacute; owner, whose cafÃ© is next door, told the Daily Beast about it.</p>
<p>${para.replace('Police', 'Officials')}</p>
<footer><p>Leave a Comment</p><p>This site uses Akismet to reduce spam. Learn how your comment data is processed.</p></footer>
</body></html>`
    const doc = openSource({path: 'a.html', text: source, bom: false}).docs[0]!
    expect(doc.text.length).toBe(source.length)
    expect(doc.text).not.toContain('var s')
    expect(doc.text).toMatch(/\n\s*Storm closes bridge\s*\n/)
    const out = cleanText(source, 'a.html')
    expect(out).not.toContain('<div class="ad">')
    expect(out).not.toContain('Leave a Comment')
    expect(out).not.toContain('Akismet')
    expect(out).not.toContain('<nav>')
    expect(out).toContain('whose café is next door')
    expect(out).toContain('<title>Advertisement</title>')
    expect(out).toContain('<footer></footer>')
    expect(out).toContain(`<p>${para}</p>`)
  })

  it('html --extract: only the article body is checked', () => {
    const body = Array.from({length: 6}, (_, index) => `<p>${para} Paragraph ${index}, with more words, commas, and detail.</p>`).join('\n')
    const source = `<html><body><div class="sidebar"><p>Most popular</p><p>Other story about cafÃ© prices, with commas, that runs long enough to be a paragraph.</p></div><article><h1>Storm</h1>${body}<p>The cafÃ© opened.</p></article></body></html>`
    const doc = openSource({path: 'a.html', text: source, bom: false}, {extract: true}).docs[0]!
    expect(doc.text).toContain('Paragraph 5')
    expect(doc.text).not.toContain('Other story')
    const out = cleanText(source, 'a.html', {extract: true})
    expect(out).toContain('The café opened.')
    expect(out).toContain('Other story about cafÃ© prices')
  })

  it('jsonl: one document per line; only the field changes, every other byte stays', () => {
    const lines = [
      '{"id": 1, "text": "Belarusâ€™ opposition met.\\n\\nAdvertisement\\n\\nIt was long.", "meta": {"a": [1, 2.50, "x\\u00e9"]}}',
      '{"text":"Nothing to fix here at all.","id":2}',
      '{"id": 3}',
      '   ',
      '{"id":4,"text":"cafÃ©","title":"cafÃ©"}'
    ]
    const source = lines.join('\n') + '\n'
    const opened = openSource({path: 'c.jsonl', text: source, bom: false})
    expect(opened.docs.map((doc) => doc.path)).toEqual(['c.jsonl:1', 'c.jsonl:2', 'c.jsonl:5'])
    const out = cleanText(source, 'c.jsonl').split('\n')
    expect(out[0]).toBe('{"id": 1, "text": "Belarus’ opposition met.\\n\\nIt was long.", "meta": {"a": [1, 2.50, "x\\u00e9"]}}')
    expect(out.slice(1, 4)).toEqual(lines.slice(1, 4))
    expect(out[4]).toBe('{"id":4,"text":"café","title":"cafÃ©"}')
    expect(fieldSpan('{"text": "a", "b": {"text": "c"}, "text": "d"}', 'text')).toEqual([42, 45])
  })

  it('jsonl: a fix keeps the escapes of the field itself outside its edits', () => {
    const line = '{"text":"Advertisement\\n\\nThe caf\\u00e9 \\"Le Monde\\" \\/ Belarus\\u00e2\\u20ac\\u2122 opposition opened on Monday after a long wait.\\t(ap)","n":1}'
    const source = line + '\n'
    const out = cleanText(source, 'd.jsonl')
    // The ad line, the mojibake and the closing agency tag go; the escapes stay as written.
    expect(out).toBe('{"text":"The caf\\u00e9 \\"Le Monde\\" \\/ Belarus’ opposition opened on Monday after a long wait.","n":1}\n')
    expect(JSON.parse(out).text).toBe('The café "Le Monde" / Belarus’ opposition opened on Monday after a long wait.')
    expect(rawOffsets('"a\\u00e9\\nb"')).toEqual([1, 2, 8, 10, 11])
  })

  it('jsonl: a broken line is a one-line error naming the line; the other records are kept', () => {
    const broken = openSource({path: 'c.jsonl', text: '{"text": "a"}\n{"text": \n', bom: false})
    expect(broken.errors?.map(String)).toEqual([expect.stringMatching(/^c\.jsonl:2: invalid JSON/)])
    expect(broken.docs.map((doc) => doc.path)).toEqual(['c.jsonl:1'])
    const array = openSource({path: 'c.jsonl', text: '{"text": "a"}\n[1]\n', bom: false})
    expect(array.errors?.map(String)).toEqual(['c.jsonl:2: expected a JSON object on every line'])
  })
})

describe('unspin clean', () => {
  it('cleans the public samples to stdout with a summary on stderr', () => {
    const result = unspin(['clean', seed('002')])
    expect(result.code).toBe(0)
    expect(result.stdout.startsWith('Putin’s Belarusian accomplice in split')).toBe(true)
    expect(result.stdout).not.toContain('Akismet')
    expect(result.stderr).toMatch(/002_\w+\.txt: 3 fixes \(boilerplate 3\), \d+ characters removed\n$/)
  })

  it('leaves clean articles byte-identical', () => {
    // 004's template debris ("{hardware}") is spintax's, which `clean` also runs.
    for (const [prefix, args] of [['000', []], ['004', ['--disable', 'spintax']]] as const) {
      const result = unspin(['clean', ...args, seed(prefix)])
      expect(result.stdout).toBe(fs.readFileSync(seed(prefix), 'utf8'))
      expect(result.stderr).toMatch(/: clean\n$/)
    }
  })

  it('writes JSONL in, JSONL out, and folders to --out-dir', () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'in.jsonl'), '{"body":"Advertisement\\n\\nThe cafÃ© opened on Monday after a long wait.","n":1}\n')
    const stdin = unspin(['clean', '--stdin-format', 'jsonl', '--field', 'body'], {input: fs.readFileSync(path.join(dir, 'in.jsonl'))})
    expect(stdin.code).toBe(0)
    expect(stdin.stdout).toBe('{"body":"The café opened on Monday after a long wait.","n":1}\n')
    fs.mkdirSync(path.join(dir, 'pages'))
    fs.copyFileSync(seed('003'), path.join(dir, 'pages', 'a.txt'))
    fs.writeFileSync(path.join(dir, 'pages', 'b.md'), '# Title\n\nAdvertisement\n\nThe cafÃ© opened.\n')
    const out = unspin(['clean', 'pages', '--out-dir', 'clean'], {cwd: dir})
    expect(out.code).toBe(0)
    expect(fs.readFileSync(path.join(dir, 'clean/pages/b.md'), 'utf8')).toBe('# Title\n\nThe café opened.\n')
    expect(fs.readFileSync(path.join(dir, 'clean/pages/a.txt'), 'utf8')).not.toMatch(/^Advertisement$/m)
    const jsonl = unspin(['clean', 'pages', '--jsonl', '-'], {cwd: dir})
    expect(jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line).path)).toEqual(['pages/a.txt', 'pages/b.md'])
  })

  it('refuses bad usage and bad input with one line and exit 2', () => {
    expect(unspin(['clean', '--stdin-format', 'pdf'], {input: 'x'}).stderr).toBe('unspin: --stdin-format: unknown format `pdf` (expected one of txt, md, html, jsonl)\n')
    const bad = unspin(['clean', '--stdin-format', 'jsonl'], {input: '{"text": 1}\n'})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unspin: <stdin>:1: field `text` is not a string\n')
    expect(bad.stdout).toBe('{"text": 1}\n')
    const latin1 = unspin(['clean'], {input: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a])})
    expect(latin1.code).toBe(2)
    expect(latin1.stderr).toMatch(/^unspin: <stdin>: invalid UTF-8 at byte \d+; /)
  })
})

describe('loading a format parser', () => {
  it('turns a parser that cannot load into one line naming the file', () => {
    const input = {path: 'page.html', text: '<p>x</p>', bom: false}
    const failing = (code: string, message: string) => () => {
      throw Object.assign(new Error(message), {code})
    }
    expect(() => loading(input, failing('MODULE_NOT_FOUND', "Cannot find module 'linkedom'"))).toThrow(
      'reading this format needs the package `linkedom`, which is not installed'
    )
    expect(() => loading(input, failing('ERR_REQUIRE_ESM', 'require() of ES Module'))).toThrow('reading this format needs Node.js 20.19+ or 22.12+')
    try {
      loading(input, failing('MODULE_NOT_FOUND', "Cannot find module 'linkedom'"))
    } catch (error) {
      expect(String(error)).toBe('page.html: reading this format needs the package `linkedom`, which is not installed')
    }
    expect(() => loading(input, failing('EOTHER', 'boom'))).toThrow('boom')
  })
})
