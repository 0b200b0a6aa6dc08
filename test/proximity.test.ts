/**
 * Proximity queries of fingerprint lists (`"a b"~N`), read as the
 * Screener's search (Lucene) reads them: the words within N positions of
 * each other, in one sentence, order differing at a cost of 2.
 */
import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {sloppyMatch} from '../src/rules/fingerprints.js'
import {externalRules, isLocating, type LocatingRule} from '../src/rules/external.js'
import {createEngine} from '../src/engine/index.js'
import type {UnspinMessage} from '../src/core/types.js'
import {tempDir, unspin} from './helpers/cli.js'

const here = path.dirname(fileURLToPath(import.meta.url))
// Third-party list, used in place (never copied into the repo).
const ppsCsv = path.join(here, '..', '..', 'shared', 'data', 'tortured-phrases', 'hahuyhoang411_tortured.csv')

describe('sloppyMatch (Lucene’s sloppy phrase)', () => {
  const words = (text: string) => text.toLowerCase().split(' ').map((key) => ({key}))
  const distance = (terms: string, text: string, slop: number, anchor = 0) => {
    const list = words(text)
    const query = terms.split(' ')
    const at = list.findIndex((word) => word.key === query[anchor])
    return sloppyMatch(query, list, at, anchor, slop)?.distance
  }

  it('counts a word between as 1 and a swap as 2', () => {
    expect(distance('fluffy gizmo', 'a fluffy gizmo', 0)).toBe(0)
    expect(distance('fluffy gizmo', 'a fluffy red gizmo', 0)).toBeUndefined()
    expect(distance('fluffy gizmo', 'a fluffy red gizmo', 1)).toBe(1)
    expect(distance('fluffy gizmo', 'the gizmo fluffy', 1)).toBeUndefined()
    expect(distance('fluffy gizmo', 'the gizmo fluffy', 2)).toBe(2)
    expect(distance('fluffy gizmo', 'the gizmo is very big and fluffy', 3)).toBeUndefined()
    expect(distance('gatherings clustering', 'gatherings were analysed using a simple clustering', 10)).toBe(5)
  })

  it('finds the closest placement from either word, each term at a position of its own', () => {
    expect(distance('fluffy gizmo', 'fluffy red gizmo and fluffy gizmo', 3, 1)).toBe(1)
    expect(sloppyMatch(['gizmo', 'gizmo'], words('one gizmo only'), 1, 0, 5)).toBeUndefined()
    expect(sloppyMatch(['gizmo', 'gizmo'], words('gizmo and gizmo'), 0, 0, 5)).toEqual({positions: [0, 2], distance: 1})
    // Three words reversed cost 4, as in Lucene; one more word between, 5.
    expect(sloppyMatch(['a', 'b', 'c'], words('c b a'), 2, 0, 10)).toEqual({positions: [2, 1, 0], distance: 4})
    expect(sloppyMatch(['a', 'b', 'c'], words('c x b a'), 3, 0, 10)).toEqual({positions: [3, 2, 0], distance: 5})
    expect(sloppyMatch(['a', 'b', 'c'], words('c x b a'), 3, 0, 4)).toBeUndefined()
  })
})

describe('lists read through the rule cache', () => {
  it('name their file in notes as it was given, whatever another spelling of its path cached', () => {
    const dir = tempDir()
    const cache = tempDir()
    fs.writeFileSync(path.join(dir, 'list.csv'), 'tortured_phrase,expected_phrase\n"""colossal information""",big data\n')
    const saved = process.env.UNSPIN_CACHE_DIR
    process.env.UNSPIN_CACHE_DIR = cache
    try {
      // Two spellings of one file: the second is read from the cache only if its entry names it so.
      for (const given of [path.join(dir, 'list.csv'), `${dir}/./list.csv`]) {
        expect(externalRules([given])[0]!.note).toContain(`${given}:2`)
      }
      expect(fs.readdirSync(cache).filter((name) => name.endsWith('.json'))).toHaveLength(2)
    } finally {
      if (saved === undefined) delete process.env.UNSPIN_CACHE_DIR
      else process.env.UNSPIN_CACHE_DIR = saved
    }
  })
})

describe('proximity rules from a list', () => {
  const dir = tempDir()
  const list = path.join(dir, 'list.csv')
  fs.writeFileSync(
    list,
    [
      'tortured_phrase,expected_phrase,num_papers',
      '"""fluffy gizmo""~3",fuzzy gadget,10',
      '"""exactness accuracy""~5",accuracy,"2,949"',
      '"""social impact UTAUT""~10",social influence,275',
      '"""effort trust UTAUT""~10",effort expectancy,88',
      '"""quaint sprocket""~2 NOT specular",toothed gear,3',
      '"""gizmo""",gadget,1'
    ].join('\n') + '\n'
  )
  const rules = externalRules([list])
  const locating = rules.filter(isLocating)
  const at = (text: string, word: string, index = 0) => {
    const rule = locating.find((candidate) => candidate.shape!.keys[0] === word.toLowerCase()) as LocatingRule
    let start = -1
    for (let seen = 0; seen <= index; seen++) start = text.indexOf(word, start + 1)
    const located = rule.locate(text, start, start + word.length)
    return located && {id: located.rule.id, actual: located.actual, span: text.slice(located.start, located.end), expected: located.expected, confidence: located.confidence}
  }

  it('triggers on the rarest word that no one-word rule has, one rule per word', () => {
    // `gizmo` has a one-word row, so `fluffy` triggers; both UTAUT queries share `utaut`.
    expect(locating.map((rule) => rule.shape!.keys)).toEqual([['fluffy'], ['exactness'], ['utaut'], ['sprocket']])
  })

  it('reports the span covering the words with less confidence than an exact match, and proposes the row’s phrase only for the phrase as written', () => {
    const text = 'We built a fluffy red gizmo for the lab. The gizmo fluffy was fine. The gizmo is very big and fluffy.'
    const apart = at(text, 'fluffy')
    // "red" is the writer's: replacing the span would drop it.
    expect(apart).toMatchObject({id: 'fingerprint-1', actual: 'fluffy red gizmo', span: 'fluffy red gizmo', expected: []})
    expect(apart!.confidence).toBeLessThan(0.9)
    expect(at(text, 'fluffy', 1)).toMatchObject({actual: 'gizmo fluffy', expected: []})
    expect(at(text, 'fluffy', 1)!.confidence).toBeLessThan(apart!.confidence)
    // Five positions apart: beyond ~3.
    expect(at(text, 'fluffy', 2)).toBeUndefined()
    expect(at('A fluffy gizmo.', 'fluffy')).toMatchObject({actual: 'fluffy gizmo', expected: ['fuzzy gadget'], confidence: 0.9})
  })

  it('stays inside one sentence', () => {
    expect(at('We saw the gizmo. Fluffy clouds came.', 'Fluffy')).toBeUndefined()
  })

  it('replaces a bracketed word whole and carries the case over', () => {
    expect(at('Exactness (accuracy) was 90%.', 'Exactness')).toMatchObject({actual: 'Exactness (accuracy)', expected: ['Accuracy'], confidence: 0.9})
  })

  it('reports the query of a shared trigger that matches', () => {
    const text = 'In UTAUT, social impact matters. Effort trust is also part of UTAUT here.'
    // Out of the query's order, with its context word first: pointed out, not rewritten.
    expect(at(text, 'UTAUT')).toMatchObject({id: 'fingerprint-3', actual: 'UTAUT, social impact', expected: []})
    expect(at(text, 'UTAUT', 1)).toMatchObject({id: 'fingerprint-4', actual: 'Effort trust is also part of UTAUT', expected: []})
    expect(at('Their social impact UTAUT scores rose.', 'UTAUT')).toMatchObject({id: 'fingerprint-3', actual: 'social impact UTAUT', expected: ['social influence']})
  })

  it('honours NOT terms', () => {
    expect(at('The quaint old sprocket turned.', 'sprocket')).toMatchObject({actual: 'quaint old sprocket'})
    expect(at('The quaint old sprocket turned. It was specular.', 'sprocket')).toBeUndefined()
  })

  it('gives the engine (`--fingerprints`) the span covering the words', () => {
    const engine = createEngine({only: ['spin'], minConfidence: 0.05, fingerprints: [list], config: {}})
    const text = 'We built a fluffy red gizmo. The fluffy gizmo works. In UTAUT, social impact matters.'
    const messages = engine.check([{path: 'x', text}])[0]!.messages as UnspinMessage[]
    const found = messages
      .filter((message) => message.ruleId !== 'spin/fingerprint-6')
      .map((message) => {
        const place = message.place as {start: {offset: number}; end: {offset: number}}
        return [message.ruleId, text.slice(place.start.offset, place.end.offset), message.actual, message.expected[0]]
      })
    expect(found).toEqual([
      ['spin/fingerprint-1', 'fluffy red gizmo', 'fluffy red gizmo', undefined],
      ['spin/fingerprint-1', 'fluffy gizmo', 'fluffy gizmo', 'fuzzy gadget'],
      ['spin/fingerprint-3', 'UTAUT, social impact', 'UTAUT, social impact', undefined]
    ])
    const [apart, exact] = messages.filter((message) => message.ruleId === 'spin/fingerprint-1')
    expect(apart!.confidence).toBeLessThan(exact!.confidence)
    // Nothing proposed is not a deletion; the note says what the row proposes, and where.
    expect(apart!.reason).toBe('Unexpected `fluffy red gizmo`, no rewrite proposed')
    expect(apart!.note).toContain('`fuzzy gadget` is proposed only where they stand as written')
    expect(exact!.reason).toBe('Unexpected `fluffy gizmo`, expected `fuzzy gadget`')
  })
})

describe('fix and proximity matches', () => {
  it('applies the row’s phrase where it is written as such and keeps every word of a match apart', () => {
    const dir = tempDir()
    const list = path.join(dir, 'list.csv')
    fs.writeFileSync(list, 'tortured_phrase,expected_phrase,num_papers\n"""fluffy gizmo""~3",fuzzy gadget,10\n')
    const text = 'We built a fluffy red gizmo. The fluffy gizmo works.\n'
    const run = unspin(['fix', '--only', 'spin', '--fingerprints', list, '--min-confidence', '0.05'], {input: text})
    expect(run.code).toBe(0)
    expect(run.stdout).toBe('We built a fluffy red gizmo. The fuzzy gadget works.\n')
  })
})

describe.skipIf(!fs.existsSync(ppsCsv))('the real PPS CSV export (used in place)', () => {
  it('finds `"gatherings clustering"~10` with words between', () => {
    const rules = externalRules([ppsCsv])
    const text = 'The gatherings were analysed using a simple clustering method.'
    const located = rules
      .filter(isLocating)
      .map((rule) => {
        const key = rule.shape!.keys[0]!
        const start = text.toLowerCase().indexOf(key)
        return start === -1 ? undefined : rule.locate(text, start, start + key.length)
      })
      .find(Boolean)
    expect(located).toMatchObject({actual: 'gatherings were analysed using a simple clustering', expected: []})
  })
})

describe('proximity matches among other rules', () => {
  it('are not hidden by a phrase that starts with their trigger word, and are weighed against it once located', () => {
    const dir = tempDir()
    const list = path.join(dir, 'list.csv')
    // CSV-quoted as the Screener's lists are: the field is `"fluffy gizmo"~3`.
    fs.writeFileSync(list, 'tortured_phrase,expected_phrase\n"""fluffy gizmo""~3",fuzzy gadget\n')
    const rules = path.join(dir, 'mine.yml')
    fs.writeFileSync(
      rules,
      ['family: spin', 'rules:', '  - id: gizmo-sat', '    spun: gizmo sat', '    original: gadget sat', '    confidence: 0.3', '    evidence: none', '    note: a weak rule that starts with the trigger word', '    examples: {match: ["The [gizmo sat] there."], pass: ["The gadget sat there."]}'].join('\n')
    )
    const engine = createEngine({only: ['spin'], minConfidence: 0, rules: [rules], fingerprints: [list], config: {}})
    const text = 'The fluffy red gizmo sat there.'
    const messages = engine.check([{path: 'x', text}])[0]!.messages as UnspinMessage[]
    // The located span "fluffy red gizmo" crosses "gizmo sat": only the more confident is kept.
    expect(messages.map((message) => [message.ruleId, message.actual])).toEqual([['spin/fingerprint-1', 'fluffy red gizmo']])
  })
})

describe('proximity matches inside another parser’s tree', () => {
  it('count the words the tree holds, not markup the file has between them', async () => {
    const {unified} = await import('unified')
    const {VFile} = await import('vfile')
    const {default: unspinParse} = await import('../src/parse/index.js')
    const {default: unspinSpin} = await import('../src/plugins/spin.js')
    const dir = tempDir()
    const list = path.join(dir, 'list.csv')
    fs.writeFileSync(list, 'tortured_phrase,expected_phrase\n"""fluffy gizmo""~1",fuzzy gadget\n')
    const html = 'The fluffy <b>red</b> gizmo works.'
    const processor = unified().use(unspinParse)
    const tree = processor.parse(html)
    // As rehype-retext leaves tags out of the tree: drop the `<b>` and `</b>` nodes.
    const sentence = (tree.children[0] as {children: Array<{children: Array<{position?: {start: {offset?: number}}}>}>}).children[0]!
    sentence.children = sentence.children.filter((node) => {
      const offset = node.position!.start.offset!
      return !((offset >= 11 && offset < 14) || (offset >= 17 && offset < 21))
    })
    const file = new VFile({value: html})
    unified().use(unspinSpin, {extra: externalRules([list]), floor: 0}).runSync(tree, file)
    const found = (file.messages as UnspinMessage[]).filter((message) => message.ruleId.startsWith('spin/fingerprint'))
    // One word between in the tree ("red"): within ~1; the span still covers the source between.
    expect(found.map((message) => message.actual)).toEqual(['fluffy <b>red</b> gizmo'])
  })
})
