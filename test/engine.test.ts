import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {createEngine} from '../src/index.js'
import {splitText} from '../src/engine/index.js'
import type {UnspinMessage} from '../src/core/types.js'

const corpus = path.resolve(__dirname, '../corpus')
const articles = fs
  .readdirSync(corpus)
  .filter((name) => /^spun-.*\d-[a-z]+\.txt$/.test(name))
  .map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'))

describe('large texts', () => {
  const text = Array.from({length: 120}, (_, index) => articles[index % articles.length]).join('\n\n')

  it('are split only between prose paragraphs, and the parts add up to the text', () => {
    const parts = splitText(text)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.map((part) => part.text).join('')).toBe(text)
    for (const part of parts.slice(1)) {
      expect(text.slice(part.offset - 2, part.offset)).toMatch(/\n\s*$/)
      expect(text.slice(part.offset).split('\n')[0]!.length).toBeGreaterThanOrEqual(160)
    }
    expect(splitText('short text')).toEqual([{offset: 0, text: 'short text'}])
  })

  it('keep message offsets on the whole text and a spin score for the whole file', () => {
    const engine = createEngine({only: ['spin', 'spintax'], config: {}})
    const [file] = engine.check([{path: 'big.txt', text}])
    const messages = file!.messages as UnspinMessage[]
    expect(messages.length).toBeGreaterThan(100)
    for (const message of messages) {
      const place = message.place as {start: {offset: number}; end: {offset: number}}
      expect(text.slice(place.start.offset, place.end.offset)).toBe(message.actual)
    }
    expect(file!.data.spinScore).toBeGreaterThan(0.8)
    // The same findings as checking each article on its own.
    const alone = articles.slice(0, 3).map((article) => engine.check([{path: 'a.txt', text: article}])[0]!.messages.length)
    const perArticle = messages.filter((message) => (message.place as {start: {offset: number}}).start.offset < articles[0]!.length).length
    expect(perArticle).toBe(alone[0])
  })

  it('judge a document’s own notation and terms on the whole text, not on the part they are in', () => {
    const manual = 'Use :autocmd {event} {aupat} {cmd} to run a command; {count} repeats it, and endfor ends a loop.\n\n'
    const later = '\n\nThe {cmd} runs once for each buffer, and the loop ends at endfor here.\n'
    const whole = manual + text + later
    expect(splitText(whole).length).toBeGreaterThan(1)
    const engine = createEngine({only: ['spintax', 'glued'], config: {}})
    const messages = engine.check([{path: 'manual.txt', text: whole}])[0]!.messages as UnspinMessage[]
    // The notation of the first part: a bracketed word of it is not debris in the last part.
    expect(messages.filter((message) => message.actual === '{cmd}')).toEqual([])
    expect(messages.filter((message) => message.actual === 'endfor')).toEqual([])
    // Alone, the last part's bracketed word is debris, and its 'endfor' glue.
    const alone = engine.check([{path: 'part.txt', text: later}])[0]!.messages as UnspinMessage[]
    expect(alone.map((message) => message.actual)).toEqual(['{cmd}', 'endfor'])
  })

  it('check the parts of one file as one document for names', () => {
    // A file of name variants, padded with prose past the size where it is checked in parts.
    const names = fs.readFileSync(path.join(corpus, 'names-01-exile.txt'), 'utf8')
    const padded = [names, ...articles, ...articles, names].join('\n\n')
    expect(splitText(padded).length).toBeGreaterThan(1)
    const engine = createEngine({only: ['names'], config: {}})
    const [whole] = engine.check([{path: 'big.txt', text: padded}])
    const messages = whole!.messages as UnspinMessage[]
    expect(messages.length).toBeGreaterThan(0)
    for (const message of messages) expect(message.note ?? '').not.toMatch(/corpus/)
    // Every variant is proposed the same way in both copies of the article.
    const second = padded.lastIndexOf(names)
    const first = messages.filter((message) => (message.place as {start: {offset: number}}).start.offset < names.length)
    const last = messages.filter((message) => (message.place as {start: {offset: number}}).start.offset >= second)
    expect(last.map((message) => [message.actual, message.expected[0]])).toEqual(first.map((message) => [message.actual, message.expected[0]]))
  })
})

describe('large texts with no blank line between two prose paragraphs', () => {
  // Wire stories run together: a headline in capitals between every two stories, so no blank
  // line has prose on both sides (the Reuters-21578 stories, joined, were one part of 1.1 MB).
  const stories = articles.map((article) => article.split(/\n\s*\n/).slice(1).join('\n'))
  const wire = Array.from({length: 80}, (_, index) => `STORY ${index} HEADLINE IN CAPITALS\n\n${stories[index % stories.length]}`).join('\n\n')

  it('are cut anyway, into parts of at most 64 kB that add up to the text', () => {
    expect(wire.length).toBeGreaterThan(200_000)
    const parts = splitText(wire)
    expect(parts.map((part) => part.text).join('')).toBe(wire)
    for (const part of parts) expect(part.text.length).toBeLessThanOrEqual(64 * 1024)
    expect(parts.length).toBeGreaterThan(3)
    // At a blank line after a paragraph: the next part opens with a headline, as a story's file would.
    for (const part of parts.slice(1)) {
      expect(wire.slice(0, part.offset)).toMatch(/\n[ \t]*\n$/)
      expect(part.text.split('\n', 1)[0]).toMatch(/^STORY \d+ HEADLINE IN CAPITALS$/)
    }
  })

  it('are cut at spaces when they are one line, never inside a surrogate pair', () => {
    const line = 'The council met on Tuesday 🙂 and went home. '.repeat(20_000)
    const parts = splitText(line)
    expect(parts.map((part) => part.text).join('')).toBe(line)
    expect(parts.length).toBeGreaterThan(10)
    for (const part of parts.slice(1)) expect(line.charAt(part.offset - 1)).toBe(' ')
    const emoji = '🙂'.repeat(100_000)
    for (const part of splitText(emoji)) expect(part.text.length % 2).toBe(0)
    // A long run of spaces: each cut looks at it once (a pattern of a run of spaces took 24 s here).
    const spaces = 'Hello. ' + ' '.repeat(200_000) + 'End.\n'
    const started = performance.now()
    expect(splitText(spaces).map((part) => part.text).join('')).toBe(spaces)
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('keep their findings and offsets', () => {
    const engine = createEngine({only: ['spin', 'spintax'], config: {}})
    const [file] = engine.check([{path: 'wire.txt', text: wire}])
    const messages = file!.messages as UnspinMessage[]
    expect(messages.length).toBeGreaterThan(100)
    for (const message of messages) {
      const place = message.place as {start: {offset: number}; end: {offset: number}}
      expect(wire.slice(place.start.offset, place.end.offset)).toBe(message.actual)
    }
  })
})

describe('hard-wrapped text', () => {
  /** Wrap like `fold -s -w 72`: at the last space that keeps a line within the width. */
  const wrap = (text: string) =>
    text
      .split('\n')
      .map((line) => {
        const out: string[] = []
        let rest = line
        while (rest.length > 72) {
          const cut = rest.lastIndexOf(' ', 72)
          if (cut <= 0) break
          out.push(rest.slice(0, cut))
          rest = rest.slice(cut + 1)
        }
        return [...out, rest].join('\n')
      })
      .join('\n')
  const engine = createEngine({config: {}})
  const check = (text: string) => engine.check([{path: 'a.txt', text}])[0]!.messages as UnspinMessage[]
  // White space aside: a rewrite across a line break keeps the break.
  const findings = (messages: UnspinMessage[]) =>
    messages.map((message) => [message.family, message.actual.replace(/\s+/g, ' '), message.expected[0]?.replace(/\s+/g, ' '), message.confidence])

  it('gets the findings of the same text with a paragraph on a line: phrases across line breaks, no wrapped line taken for navigation', () => {
    // Every article of the corpus: spun, clean, scraped (a caption's "Photo:" at a line's end), names.
    const all = fs.readdirSync(corpus).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(corpus, name), 'utf8'))
    let across = 0
    for (const article of all) {
      const wrapped = check(wrap(article))
      expect(findings(wrapped)).toEqual(findings(check(article)))
      across += wrapped.filter((message) => message.family === 'spin' && message.actual.includes('\n')).length
    }
    // Some of them are phrases the wrapping broke over two lines.
    expect(across).toBeGreaterThan(5)
  })

  it('proposes a rewrite across a line break with the break kept where the words allow', () => {
    const text = [
      'As we speak, the invoice that the lawmakers within the Home of',
      'Representatives handed final month is anticipated to face a vote within',
      'the Senate, officers stated on Tuesday after a prolonged assembly there.'
    ].join('\n')
    expect(check(text).find((message) => message.actual === 'Home of\nRepresentatives')?.expected).toEqual(['House of\nRepresentatives'])
  })

  it('is split into parts between its paragraphs when large', () => {
    // Menu lines after every other paragraph: blank lines where a cut would leave furniture at a part's edge.
    const paragraphs = Array.from({length: 60}, (_, index) => articles[index % articles.length]!.split(/\n\s*\n/)).flat()
    const text = wrap(paragraphs.map((paragraph, index) => (index % 2 ? `${paragraph}\n\nHome\n\nNews` : paragraph)).join('\n\n'))
    const parts = splitText(text)
    expect(parts.length).toBeGreaterThan(1)
    expect(parts.map((part) => part.text).join('')).toBe(text)
    // Each cut is at a blank line between two paragraphs of prose.
    for (const part of parts.slice(1)) {
      expect(text.slice(0, part.offset)).toMatch(/\n[ \t]*\n$/)
      expect(text.slice(0, part.offset).trimEnd().split('\n').pop()).not.toMatch(/^(?:Home|News)$/)
      expect(text.slice(part.offset).split('\n', 1)[0]).not.toMatch(/^(?:Home|News)$/)
    }
  })
})

describe('ordinary English that spinner output collides with', () => {
  const engine = createEngine({config: {}})
  const check = (text: string) => engine.check([{path: 'clean.txt', text}])[0]!.messages as UnspinMessage[]

  it('stays quiet in a clean article ("most cancers", "stated", "Nonetheless,", "advised")', () => {
    const text = [
      'The risk of most cancers rises with age, the report found.',
      'Survival rates for most cancers have improved since 1990.',
      'The minister stated that the review would be published in May.',
      'Nonetheless, the committee approved the budget on Tuesday.',
      'Her lawyer advised her to stay silent.'
    ].join('\n\n')
    expect(check(text).map((message) => `${message.ruleId} ${message.actual}`)).toEqual([])
  })
})

describe('the engine parses without word and space nodes (tokensOnly)', () => {
  it('and finds what the chain finds on a full tree, on every corpus article and public sample', async () => {
    const {unspinProcessor} = await import('../src/preset.js')
    const {VFile} = await import('vfile')
    const seeds = path.resolve(__dirname, '../../shared/seeds')
    const texts = [
      ...fs.readdirSync(corpus).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(corpus, name), 'utf8')),
      ...(fs.existsSync(seeds) ? fs.readdirSync(seeds).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(seeds, name), 'utf8')) : [])
    ]
    const messages = (tokensOnly: boolean, text: string) => {
      const file = new VFile({path: 'a.txt', value: text})
      const processor = unspinProcessor({parse: {tokensOnly}})
      processor.runSync(processor.parse(file), file)
      return file.messages.map((message) => [message.ruleId, message.place, message.expected, (message as UnspinMessage).confidence])
    }
    let found = 0
    for (const text of texts) {
      const full = messages(false, text)
      found += full.length
      expect(messages(true, text)).toEqual(full)
    }
    // Spintax among them: its prose windows read the tokens where there are no nodes.
    expect(found).toBeGreaterThan(500)
  })
})
