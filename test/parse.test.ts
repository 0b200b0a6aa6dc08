import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {toString} from 'nlcst-to-string'
import {visit} from 'unist-util-visit'
import {location} from 'vfile-location'
import type {Node} from 'unist'
import {parse} from '../src/parse/index.js'
import {wrapWidth} from '../src/core/wrap.js'
import {sentenceTokens, sentences} from '../src/core/tokens.js'

const SEEDS = path.resolve(__dirname, '../../shared/seeds')
const seedTexts = fs.existsSync(SEEDS)
  ? fs.readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(SEEDS, name), 'utf8'))
  : []

function words(text: string): string[][] {
  return [...sentences(parse(text))].map((sentence) => sentenceTokens(sentence).map((token) => token.value))
}

describe('parse', () => {
  it('round-trips every character and keeps offsets exact', () => {
    const samples = [
      ...seedTexts,
      'Line one\r\nLine two\r\n\r\nNext — “quoted” text… 9,000 troops; U.S. and Ok.G.B. {hardware} <b> :-) \u00a0end',
      '',
      '   \n\n  ',
      'emoji 👍🏽 and e\u0301 combining'
    ]
    for (const text of samples) {
      const tree = parse(text)
      expect(toString(tree)).toBe(text)
      visit(tree as Node, (node) => {
        const position = (node as Node).position
        if (!position || !('value' in node)) return
        expect(text.slice(position.start.offset, position.end.offset)).toBe((node as {value: string}).value)
      })
    }
  })

  it('computes line and column like vfile', () => {
    const tree = parse('a b\nc d\n\ne')
    const last = tree.position!.end
    expect(last).toEqual({line: 4, column: 2, offset: 10})
  })

  it('splits sentences at terminal marks, line breaks and blank lines', () => {
    expect(words('Mr. Smith met Dr. J. Doe in the U.S. On Friday, he left. “Go.” Then')).toEqual([
      ['Mr.', 'Smith', 'met', 'Dr.', 'J.', 'Doe', 'in', 'the', 'U.S.'],
      ['On', 'Friday', ',', 'he', 'left', '.'],
      ['“', 'Go', '.', '”'],
      ['Then']
    ])
    expect(words('Home » World\nHeadline here\n\nBody.')).toEqual([['Home', '»', 'World'], ['Headline', 'here'], ['Body', '.']])
  })

  it('goes on after an initialism where its name does, and ends the sentence where another starts', () => {
    expect(words('The U.S. Senate voted and the U.N. Security Council met.')).toHaveLength(1)
    expect(words('Yields on the U.S. 10-year note rose.')).toHaveLength(1)
    expect(words('Prices rose in the U.S. The company said so.')).toHaveLength(2)
    expect(words('Prices rose in the U.S. Analysts were surprised.')).toHaveLength(2)
    expect(words('The doors open at 7 p.m. Tickets are on sale now.')).toHaveLength(2)
    // Only after an initialism: after a full stop a name's word starts a sentence.
    expect(words('Prices rose. Senate leaders met.')).toHaveLength(2)
  })

  describe('wrapped prose', () => {
    const wrapped = [
      'The House of Representatives passed the bill last month, and the',
      'Senate is expected to vote on it before the holiday recess, aides',
      'said on Tuesday. Leaders of both parties have backed the measure.',
      '"It is a good day," the Speaker told reporters at the Capitol on',
      'Wednesday, after a long and often bitter debate over its costs.'
    ].join('\n')

    it('finds the width a text is hard-wrapped at, and none in a text with a paragraph on a line', () => {
      expect(wrapWidth(wrapped)).toBe(65)
      expect(wrapWidth(wrapped.replace(/\n/g, ' '))).toBe(0)
      // Navigation and headlines: short lines, no run-on prose.
      expect(wrapWidth('Home\nNews\nSport\nWeather\n\nHeadline of the day\nBy A. Writer\n\nBody text.')).toBe(0)
    })

    it('runs a sentence over the line breaks of wrapped prose, and ends it at a terminal mark', () => {
      const found = words(wrapped)
      expect(found).toHaveLength(3)
      expect(found[0]!.join(' ')).toBe('The House of Representatives passed the bill last month , and the Senate is expected to vote on it before the holiday recess , aides said on Tuesday .')
      expect(found[1]!.join(' ')).toBe('Leaders of both parties have backed the measure .')
      expect(found[2]![0]).toBe('"')
      expect(found[2]).toContain('Wednesday')
    })

    it('runs a long line on into a lower-case line in any text, but keeps headlines, lists and tables apart', () => {
      const long = 'Officials said the new rules, which take effect in March, would'
      expect(words(`${long}\nraise costs for small firms.`)).toHaveLength(1)
      // Not wrapped, and the next line starts a new one.
      expect(words(`${long}\nRaise costs for small firms.`)).toHaveLength(2)
      expect(words('Short headline without a full stop\nthe body starts here.')).toHaveLength(2)
      const table = [
        'Name of the district          Population     Area in square km',
        'Northern district of the city     120000            45 and more',
        'Southern district of the city      98000            38 and less',
        'Eastern district of the city       76000            30 and some',
        'Western district of the city       54000            22 and none'
      ].join('\n')
      expect(words(table)).toHaveLength(5)
    })

    it('keeps offsets exact across the lines it joins', () => {
      const tree = parse(wrapped)
      expect(toString(tree)).toBe(wrapped)
      const senate = [...sentences(tree)][0]!
      const token = sentenceTokens(senate).find((each) => each.value === 'Senate')!
      expect(wrapped.slice(token.start, token.end)).toBe('Senate')
    })
  })

  it('keeps initialisms, contractions and hyphenated words whole', () => {
    expect(words('Ok.G.B. agents don’t re-elect well-being U.Ok. officials')[0]).toEqual([
      'Ok.G.B.',
      'agents',
      'don’t',
      're-elect',
      'well-being',
      'U.Ok.',
      'officials'
    ])
  })

  it.each([
    ['with nodes', {}],
    ['tokens only', {tokensOnly: true}]
  ])('is linear (%s): a large input costs no more per MB than a small one', (_, options) => {
    const unit = seedTexts.join('\n\n') || 'Some words here. '.repeat(500)
    const small = unit.slice(0, 10_000)
    const large = unit.repeat(Math.ceil(2_000_000 / unit.length))
    const time = (text: string, rounds: number) => {
      const start = performance.now()
      for (let index = 0; index < rounds; index++) parse(text, options)
      return (performance.now() - start) / rounds / text.length
    }
    time(large, 1) // warm up
    // Interleaved rounds, the best of each: the suite runs files in parallel,
    // and a busy moment slows a round, not all of them. The large tree also
    // outgrows the young generation and costs old-space collections the small
    // one does not; a quadratic parser would be ~200 times slower per
    // character here, so a bound of 20 still tells the two apart (a clean
    // CI clone, busy with the other test files, measured 6.3 once).
    let perCharSmall = Infinity
    let perCharLarge = Infinity
    for (let round = 0; round < 5; round++) {
      perCharSmall = Math.min(perCharSmall, time(small, 100))
      perCharLarge = Math.min(perCharLarge, time(large, 1))
    }
    expect(perCharLarge / perCharSmall).toBeLessThan(20)
  })

  it('splits tokens exactly as its patterns define them, ASCII fast path or not', () => {
    // The reference: the token classes as plain patterns, one token at a time.
    const word = /[\p{L}\p{N}\p{M}]+(?:['’\-.&][\p{L}\p{N}\p{M}]+)*/uy
    const space = /\s+/uy
    const reference = (text: string) => {
      const values: string[] = []
      for (let at = 0; at < text.length; ) {
        space.lastIndex = at
        word.lastIndex = at
        const found = space.exec(text)?.[0] ?? word.exec(text)?.[0] ?? String.fromCodePoint(text.codePointAt(at)!)
        values.push(found)
        at += found.length
      }
      return values
    }
    const leaves = (text: string) => {
      const values: string[] = []
      visit(parse(text) as Node, (node) => {
        if (node.type === 'WhiteSpaceNode' || node.type === 'PunctuationNode' || node.type === 'SymbolNode') values.push((node as unknown as {value: string}).value)
        if (node.type !== 'WordNode') return
        // A word keeps an abbreviation's dot ("U.S.", "Mr."), which the pattern leaves out.
        const value = toString(node as never)
        if (value.length > 1 && value.endsWith('.')) values.push(value.slice(0, -1), '.')
        else values.push(value)
      })
      return values
    }
    // A carriage return and NUL too: the scanners read NUL where a text ends.
    const alphabet = ['a', 'Z', '7', 'é', 'ß', 'Я', '’', "'", '-', '.', '&', ' ', '\n', '\r', '\u0000', '\t', '\u00a0', '\u2003', '\u0301', '😀', '\ud800', '!', '…', '$', '_', 'U.S.', 'don’t']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let sample = 0; sample < 3000; sample++) {
      let text = ''
      for (let length = Math.floor(random() * 16); length > 0; length--) text += alphabet[Math.floor(random() * alphabet.length)]
      expect(leaves(text)).toEqual(reference(text))
      // Every node's start and end, as line and column, where vfile puts them.
      const place = location(text)
      visit(parse(text) as Node, (node) => {
        const {start, end} = (node as Node).position!
        expect(start).toEqual(place.toPoint(start.offset!))
        expect(end).toEqual(place.toPoint(end.offset!))
      })
    }
  })

  it('records token views equal to tokens built from the tree', () => {
    const alphabet = ['a', 'B', 'é', '’', "'", '-', '.', '&', ' ', '\n', '\u00a0', '1', '😀', '!', '…', '”', '(', 'Straße', 'U.S.', 'Mr.', 'Ok.G.B.', ',', 'İ', 'DON’T', 'x.']
    let seed = 3
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    const texts = [...seedTexts]
    for (let sample = 0; sample < 2000; sample++) {
      let text = ''
      for (let length = Math.floor(random() * 25); length > 0; length--) text += alphabet[Math.floor(random() * alphabet.length)]
      texts.push(text)
    }
    for (const text of texts) {
      for (const sentence of sentences(parse(text))) {
        // A node without the recorded view has its tokens built from its children.
        const bare = {type: sentence.type, children: sentence.children, position: sentence.position}
        expect(sentenceTokens(sentence)).toEqual(sentenceTokens(bare))
      }
    }
  })

  it('builds the same paragraphs, sentences and tokens without nodes (tokensOnly)', () => {
    const corpus = path.resolve(__dirname, '../corpus')
    const texts = [...seedTexts, ...fs.readdirSync(corpus).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'))]
    const alphabet = ['a', 'B', 'é', '’', '-', '.', ' ', '  ', '\n', '\n\n', '\r\n', '\r', '\u2028', '\u00a0', '1', '😀', '!', '…', '”', '(', 'U.S.', 'Mr.', 'Ok.G.B.', ',', 'x.']
    let seed = 7
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    for (let sample = 0; sample < 3000; sample++) {
      let text = ''
      for (let length = Math.floor(random() * 30); length > 0; length--) text += alphabet[Math.floor(random() * alphabet.length)]
      texts.push(text)
    }
    const outline = (tree: ReturnType<typeof parse>) =>
      tree.children.flatMap((paragraph) =>
        paragraph.type === 'ParagraphNode'
          ? [paragraph.position, ...paragraph.children.flatMap((node) => (node.type === 'SentenceNode' ? [node.position, sentenceTokens(node)] : []))]
          : []
      )
    for (const text of texts) {
      const lean = parse(text, {tokensOnly: true})
      expect(outline(lean)).toEqual(outline(parse(text)))
      // Nothing but paragraphs, and sentences without children.
      for (const paragraph of lean.children) {
        expect(paragraph.type).toBe('ParagraphNode')
        if (paragraph.type === 'ParagraphNode') for (const sentence of paragraph.children) expect(sentence).toMatchObject({type: 'SentenceNode', children: []})
      }
    }
  })

  it('rebuilds a token view when a plugin before unspin changed the sentence', () => {
    const text = 'As we speak, the struggle goes on; the struggle is over.'
    const [sentence] = [...sentences(parse(text))]
    const before = sentenceTokens(sentence!).map((token) => token.value)
    // Split the sentence at ";" the way a tree-changing plugin would: the tail moves to a new node.
    const tail = sentence!.children.splice(sentence!.children.findIndex((node) => 'value' in node && node.value === ';') + 1)
    const after = sentenceTokens(sentence!).map((token) => token.value)
    expect(before).toContain('over')
    expect(after).toEqual(['As', 'we', 'speak', ',', 'the', 'struggle', 'goes', 'on', ';'])
    expect(sentenceTokens({type: 'SentenceNode', children: tail}).map((token) => token.value)).toEqual(['the', 'struggle', 'is', 'over', '.'])
  })
})
