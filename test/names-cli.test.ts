import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {cluster, extract} from '../src/cli/names.js'
import type {Io} from '../src/cli/shared.js'
import {formatSarif} from '../src/report/sarif.js'
import {formatGithub} from '../src/report/github.js'
import type {JsonReport} from '../src/report/json.js'
import {keepMessages, pathFilter} from '../src/engine/ignore.js'

const SEEDS = fileURLToPath(new URL('../../shared/seeds/', import.meta.url))

function fakeIo(stdin = ''): Io & {out: string; err: string} {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text
    },
    stderr: (text: string) => {
      io.err += text
    },
    readStdin: async () => Buffer.from(stdin),
    stdinIsTty: false,
    stdoutIsTty: false,
    cwd: process.cwd()
  }
  return io
}

describe('unspin names cluster', () => {
  it('reads names from stdin and prints clusters', async () => {
    const io = fakeIo('Zelenskyy\nZelenskyj\nZelensky\nKavaleuski\nKalinouski\nMinsk\nPinsk\n')
    expect(await cluster(undefined, {registry: false}, io)).toBe(0)
    expect(JSON.parse(io.out)).toEqual({clusters: [{canonical: 'Zelenskyy', variants: ['Zelenskyy', 'Zelensky', 'Zelenskyj'], confidence: 0.96}]})
  })

  it('breaks a tie with the spelling closest to all the others', async () => {
    const io = fakeIo('Moamar Khadafy\nMuammar Gadhafi\nMoammar Qaddafi\nMuammar Gaddafi\nAleksei Navalnyi\nAlexej Nawalny\nAlexei Navalny\n')
    await cluster(undefined, {registry: false}, io)
    expect((JSON.parse(io.out) as {clusters: Array<{canonical: string}>}).clusters.map((item) => item.canonical).sort()).toEqual(['Alexei Navalny', 'Muammar Gaddafi'])
  })

  it('breaks a tie first with the spelling an English text would print: ASCII, no apostrophe inside a word, no sch, cz, w or j', async () => {
    const io = fakeIo('Fiodor Dostoïevski\nFjodor Dostojewski\nFyodor Dostoevsky\nAli Khamene\'i\nAli Khamenei\n')
    await cluster(undefined, {registry: false}, io)
    expect((JSON.parse(io.out) as {clusters: Array<{canonical: string}>}).clusters.map((item) => item.canonical).sort()).toEqual(['Ali Khamenei', 'Fyodor Dostoevsky'])
  })

  it('ties Arabic names across romanisations (given names through the lexicon, the article folded away)', async () => {
    const io = fakeIo('Mohammed bin Salman\nMuhammad bin Salman\nMuammar al-Qaddafi\nMuammar Qaddafi\n')
    await cluster(undefined, {registry: false}, io)
    expect((JSON.parse(io.out) as {clusters: Array<{variants: string[]}>}).clusters.map((item) => item.variants.length)).toEqual([2, 2])
  })

  it('reads middle initials: two different ones are two people, one alone is a doubt', async () => {
    const run = async (input: string) => {
      const io = fakeIo(input)
      await cluster(undefined, {registry: false}, io)
      return (JSON.parse(io.out) as {clusters: Array<{variants: string[]; confidence: number}>}).clusters
    }
    const [pair] = await run('George Bush\nGeorge W. Bush\n')
    expect(pair!.variants.sort()).toEqual(['George Bush', 'George W. Bush'])
    expect(pair!.confidence).toBeLessThan(0.7)
    // With both Bushes in the list, the bare name fits two people and joins neither, in any order.
    expect(await run('George Bush\nGeorge W. Bush\nGeorge H. W. Bush\n')).toEqual([])
    expect(await run('George H. W. Bush\nGeorge W. Bush\nGeorge Bush\n')).toEqual([])
    // The same letters, spaced or hyphenated, are one name whichever token is the surname.
    expect((await run('Kim Jong-un\nKim Jong Un\n'))[0]!.variants.sort()).toEqual(['Kim Jong Un', 'Kim Jong-un'])
  })

  it('prefers a configured romanisation', async () => {
    const io = fakeIo('Selenskyj\nZelensky\nZelensky\n')
    await cluster(undefined, {registry: false, prefer: 'de'}, io)
    expect(JSON.parse(io.out).clusters[0].canonical).toBe('Selenskyj')
  })

  it('refuses an unknown romanisation', async () => {
    await expect(cluster(undefined, {prefer: 'klingon'}, fakeIo('Kyiv\n'))).rejects.toThrow(/--prefer: unknown romanisation `klingon`/)
  })
})

describe('unspin names extract', () => {
  it('counts mentions per file', async () => {
    const io = fakeIo()
    const files = fs.readdirSync(SEEDS).filter((file) => file.endsWith('.txt')).map((file) => path.join(SEEDS, file))
    expect(await extract(files, {}, io)).toBe(0)
    const result = JSON.parse(io.out) as {files: number; names: Array<{name: string; count: number; files: Record<string, number>}>}
    expect(result.files).toBe(5)
    const find = (name: string) => result.names.find((item) => item.name === name)
    expect(find('Zichanouskaya')).toMatchObject({count: 1})
    expect(Object.values(find('Kavaleuski')!.files).reduce((a, b) => a + b)).toBe(find('Kavaleuski')!.count)
    expect(find('Svetlana Tikhanovskaya')!.count).toBe(1)
  })

  it('handles a thousand files in seconds', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-extract-'))
    const seeds = fs.readdirSync(SEEDS).filter((file) => file.endsWith('.txt')).map((file) => fs.readFileSync(path.join(SEEDS, file), 'utf8'))
    for (let index = 0; index < 1000; index++) fs.writeFileSync(path.join(folder, `${index}.txt`), seeds[index % seeds.length]!)
    const io = fakeIo()
    const started = performance.now()
    expect(await extract([folder], {}, io)).toBe(0)
    expect(performance.now() - started).toBeLessThan(15_000)
    expect(JSON.parse(io.out).files).toBe(1000)
  })

  it('reports a missing path on stderr and exits 2', async () => {
    const io = fakeIo()
    expect(await extract(['no/such/file.txt'], {}, io)).toBe(2)
    expect(io.err).toBe('unspin: no/such/file.txt: no such file or directory\n')
  })
})

const report: JsonReport = {
  version: 1,
  files: [
    {
      path: 'docs/a b.md',
      spinScore: null,
      messages: [
        {
          ruleId: 'names/house-spelling',
          family: 'names',
          severity: 'warning',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 9,
          start: 40,
          end: 44,
          actual: 'Kiev',
          expected: ['Kyiv'],
          confidence: 0.99,
          reason: 'Unexpected `Kiev`, expected `Kyiv`',
          note: 'House spelling: 50%, per style, guide'
        }
      ]
    }
  ]
}

describe('formatters', () => {
  it('writes SARIF 2.1.0', () => {
    const log = JSON.parse(formatSarif(report, {version: '1.2.3'}))
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]
    expect(run.tool.driver).toMatchObject({name: 'unspin', version: '1.2.3', rules: [{id: 'names/house-spelling'}]})
    expect(run.results[0]).toMatchObject({
      ruleId: 'names/house-spelling',
      ruleIndex: 0,
      level: 'warning',
      locations: [{physicalLocation: {artifactLocation: {uri: 'docs/a%20b.md'}, region: {startLine: 3, startColumn: 5, endLine: 3, endColumn: 9}}}],
      fixes: [{artifactChanges: [{replacements: [{deletedRegion: {charOffset: 40, charLength: 4}, insertedContent: {text: 'Kyiv'}}]}]}],
      properties: {confidence: 0.99, family: 'names'}
    })
  })

  it('writes GitHub workflow annotations', () => {
    expect(formatGithub(report)).toBe(
      '::warning file=docs/a b.md,line=3,col=5,endLine=3,endColumn=9,title=names/house-spelling (confidence 0.99)::Unexpected `Kiev`, expected `Kyiv`. House spelling: 50%25, per style, guide\n'
    )
  })
})

describe('ignores', () => {
  const message = (ruleId: string, start: number, line: number) => ({ruleId, family: ruleId.split('/')[0]!, start, line})

  it('honours disable/enable ranges by family and rule', () => {
    const text = 'Kiev one.\n<!-- unspin-disable names -->\nKiev two.\n<!-- unspin-enable names -->\nKiev three.\n'
    const messages = [message('names/house-spelling', 0, 1), message('names/house-spelling', 41, 3), message('spin/war', 43, 3), message('names/house-spelling', 81, 5)]
    expect(keepMessages(text, messages).map((item) => item.line + ':' + item.ruleId)).toEqual(['1:names/house-spelling', '3:spin/war', '5:names/house-spelling'])
  })

  it('ignores the next line only', () => {
    const text = '<!-- unspin-ignore-next-line names/house-spelling -->\nKiev.\nKiev.\n'
    const messages = [message('names/house-spelling', 54, 2), message('names/inconsistent', 54, 2), message('names/house-spelling', 60, 3)]
    expect(keepMessages(text, messages).map((item) => item.line + ':' + item.ruleId)).toEqual(['2:names/inconsistent', '3:names/house-spelling'])
  })

  it('runs an unclosed disable to the end and works on vfile-style places', () => {
    const text = 'a\n<!-- unspin-disable -->\nb\n'
    const messages = [
      {ruleId: 'names/inconsistent', family: 'names', place: {start: {line: 1, column: 1, offset: 0}}},
      {ruleId: 'spin/x', family: 'spin', place: {start: {line: 3, column: 1, offset: 26}}}
    ]
    expect(keepMessages(text, messages)).toEqual([messages[0]])
  })

  it('filters paths with .unspinignore', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-ignore-'))
    fs.writeFileSync(path.join(folder, '.unspinignore'), 'vendor/\n*.draft.md\n!keep.draft.md\n')
    const keep = pathFilter(folder)
    expect(['a.md', 'vendor/b.md', 'c.draft.md', 'keep.draft.md', '../outside.md'].filter(keep)).toEqual(['a.md', 'keep.draft.md', '../outside.md'])
    expect(pathFilter(os.tmpdir())('anything.md')).toBe(true)
  })
})
