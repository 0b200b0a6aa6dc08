import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {unified} from 'unified'
import {VFile} from 'vfile'
import unspinParse from '../src/parse/index.js'
import unspinBoilerplate, {boilerplateRepetition} from '../src/plugins/boilerplate.js'
import unspinGlued from '../src/plugins/glued.js'
import unspinMojibake from '../src/plugins/mojibake.js'
import unspinMt from '../src/plugins/mt.js'
import {loadKeywords} from '../src/cleanup/keywords.js'
import {findMojibake} from '../src/cleanup/mojibake.js'
import {findGlued} from '../src/cleanup/glued.js'
import {applyEdits} from '../src/core/edits.js'
import {loadCatalogue} from '../src/rules/catalogue.js'
import type {UnspinMessage} from '../src/core/types.js'
import {ruleFile, seed} from './helpers/cli.js'

const processor = unified().use(unspinParse).use(unspinBoilerplate).use(unspinGlued).use(unspinMojibake).use(unspinMt)

function run(text: string, path = 'doc.txt'): UnspinMessage[] {
  const file = new VFile({path, value: text})
  processor.runSync(processor.parse(file), file)
  return file.messages as UnspinMessage[]
}

function offsets(message: UnspinMessage) {
  const place = message.place as {start: {offset: number}; end: {offset: number}}
  return {start: place.start.offset, end: place.end.offset}
}

/** The text after applying every proposal at or above `min`. */
function cleaned(text: string, min = 0.7): string {
  const edits = run(text)
    .filter((message) => message.confidence >= min)
    .map((message) => ({...offsets(message), replacement: message.expected[0]!, confidence: message.confidence}))
  return applyEdits(text, edits).text
}

function errorOf(action: () => unknown): string {
  try {
    action()
  } catch (error) {
    return String(error)
  }
  return 'no error'
}

const read = (prefix: string) => fs.readFileSync(seed(prefix), 'utf8')

describe('public samples', () => {
  it('000 and 004 stay untouched (false-alarm guard)', () => {
    expect(run(read('000'))).toEqual([])
    expect(run(read('004'))).toEqual([])
  })

  it('001: header, glue, Der Spiegel, author tag', () => {
    const text = read('001')
    const messages = run(text)
    messages.sort((a, b) => offsets(a).start - offsets(b).start)
    expect(messages.map((message) => message.ruleId)).toEqual([
      'boilerplate/date-header',
      'mt/der-spiegel-dem',
      'glued/glued-word',
      'boilerplate/author-tag'
    ])
    expect(String(messages[0])).toBe('doc.txt:1:1-3:1: Unexpected date header `date 2022-10-27 Home page politics`, expected nothing')
    const out = cleaned(text)
    expect(out.startsWith('The Belarusian opposition is warning')).toBe(true)
    expect(out).toContain('Schraibman told Der Spiegel.')
    expect(out).toContain('Daily Beast that Belarus')
    expect(out.endsWith('has not yet commented on this.')).toBe(true)
  })

  it('002: breadcrumb and comment footer go, headings stay', () => {
    const text = read('002')
    const out = cleaned(text)
    expect(out.startsWith('Putin’s Belarusian accomplice in split')).toBe(true)
    expect(out).not.toContain('Leave a Comment')
    expect(out).not.toContain('Akismet')
    for (const heading of ['Springboard for Putin', 'Union state', 'Under pressure', '\nsplits\n']) expect(out).toContain(heading)
    expect(out.trimEnd().endsWith('but in Moscow.”')).toBe(true)
  })

  it('003: ads and photo credit go, every quote stays', () => {
    const text = read('003')
    const out = cleaned(text)
    expect(out).not.toMatch(/^Advertisement$/m)
    expect(out).not.toContain('PHOTO: Mikhail Svetlov/Getty Images')
    expect(out).toContain('How Russia Used the War in Ukraine')
    const quotes = (value: string) => value.match(/“[^”]*”/g) ?? []
    expect(quotes(out)).toEqual(quotes(text))
    // Every line of the article body survives.
    for (const line of text.split('\n')) {
      if (line.length > 80 && !line.includes('PHOTO:')) expect(out).toContain(line)
    }
  })
})

/** Texts checked as one run: the boilerplate plugin on each file, then the repetition pass over all. */
function corpusOf(texts: string[]): VFile[] {
  const files = texts.map((value, index) => {
    const file = new VFile({path: `${index + 1}.txt`, value})
    const chain = unified().use(unspinParse).use(unspinBoilerplate)
    chain.runSync(chain.parse(file), file)
    return file
  })
  boilerplateRepetition().finish(files)
  return files
}

describe('boilerplate', () => {
  const body = (line: string) =>
    `Police said on Monday that the bridge would stay closed for at least two more weeks while engineers inspected it.\n\n${line}\n\nThe council has asked drivers to use the ring road instead, and buses will be diverted until the work is finished.\n`

  it('every keyword-list example does what it says', () => {
    const keywords = loadKeywords()
    for (const list of keywords.lists) {
      for (const example of list.examples.match) {
        const hits = run(body(example)).filter((message) => message.family === 'boilerplate')
        expect(hits.map((hit) => hit.actual.trim()), `${list.id}: ${example}`).toEqual([example])
      }
      for (const example of list.examples.pass) {
        expect(run(body(example)).filter((message) => message.family === 'boilerplate'), `${list.id}: ${example}`).toEqual([])
      }
    }
  })

  it('reads a keyword line through punctuation, symbols and spaces at either end, emoji included', () => {
    const keywords = loadKeywords()
    for (const line of ['Advertisement', '— Advertisement —', '📣 Advertisement 📣', '\u00a0*** ADVERTISEMENT ***\u00a0', '«Advertisement»', '🇺🇸 Advertisement']) {
      // As the whole line, once its ends are trimmed (not only as a line that starts with the word).
      expect(keywords.match(line, 1), line).toMatchObject({list: {id: 'ad'}, how: 'line'})
    }
    // Only the ends: inner punctuation and letters beside the word are the line's own.
    for (const line of ['Advert-isement', 'xAdvertisement']) expect(keywords.match(line, 1), line).toBeUndefined()
    // A date header needs its digits; the same words without them are not one.
    const dates = ['Updated 12:30, March 3, 2024', 'March 3, 2024', '2024-03-12']
    for (const line of dates) expect(run(`${line}\n\n${body('')}`).some((message) => message.ruleId === 'boilerplate/date-header'), line).toBe(true)
    expect(run(`Updated March, this year\n\n${body('')}`).some((message) => message.ruleId === 'boilerplate/date-header')).toBe(false)
  })

  it('finds whole keyword lines that start with an apostrophe, a letter outside ASCII, a sign, or no letter of a-z at all', () => {
    // Lines are looked up only when their first run of letters is some key's: keys that start otherwise must still be found.
    const file = ruleFile([
      'family: boilerplate',
      'structure:',
      '  lines: ["× Notes", "Résumé"]',
      'lists:',
      '  - id: site',
      '    label: site widget',
      '    confidence: 0.9',
      '    lines: ["× close", "реклама", "don’t miss", "Ügyfélszolgálat", "\'tis the season", "…"]'
    ])
    const keywords = loadKeywords([file], false)
    for (const line of ['× CLOSE', '— РЕКЛАМА —', "Don't miss", 'DON’T MISS!', 'ÜGYFÉLSZOLGÁLAT', '‘Tis the season', '…']) {
      expect(keywords.match(line, line.split(/\s+/).length), line).toMatchObject({list: {id: 'site'}, how: 'line'})
    }
    for (const line of ['closed', 'реклама сегодня', "Don't missed", 'Tis the seasons']) expect(keywords.match(line, line.split(/\s+/).length), line).toBeUndefined()
    for (const line of ['× NOTES', 'Notes', '— RÉSUMÉ —']) expect(keywords.structureOf(line), line).toBe('line')
    expect(keywords.structureOf('Résumés')).toBeUndefined()
  })

  it('keeps headline, subheads, datelines, quotes, list items and short paragraphs', () => {
    const text = [
      'Storm Closes Coastal Highway',
      '',
      'CHARLESTON, S.C. (AP) — A powerful storm closed the coastal highway on Tuesday and left thousands of homes without power, officials said.',
      '',
      'Damage assessment',
      '',
      '“We have never seen water this high,” the mayor said.',
      '',
      'Residents were told to:',
      '- stay indoors',
      '- avoid flooded roads',
      '',
      'Schools are closed.',
      '',
      'Crews expect to restore power to most of the county by Thursday evening, a utility spokesperson said in a statement.'
    ].join('\n')
    expect(run(text)).toEqual([])
  })

  it('takes a table of plain text for content; a trail of links on one line is still a breadcrumb', () => {
    const body = 'Crews expect to restore power to most of the county by Thursday evening, a utility spokesperson said in a statement.'
    const table = ['  Numeric | String        | Result', '  --------+---------------+------------------------', '  0       | NO            | Disables key randomization', '  1       | RANDOM        | Enables full randomization'].join('\n')
    expect(run([body, '', table, '', body].join('\n')).map((message) => message.ruleId)).toEqual([])
    expect(run(['Home | News | World', '', body, '', body].join('\n')).map((message) => message.ruleId)).toEqual(['boilerplate/breadcrumb'])
    // Two trails one above the other are still two trails.
    expect(run(['Home | News | World', 'Sport | Business | Opinion', '', body, '', body].join('\n')).map((message) => message.ruleId)).toEqual(['boilerplate/breadcrumb', 'boilerplate/breadcrumb'])
    // The last step of a trail may be the article's headline; a trail may start with its own separator.
    for (const trail of [
      'Home > World > Europe > Ukraine says talks with Russia will resume next week',
      '» Home » News » World',
      'Home » News » Coronavirus Outbreak – Latest Updates » Story',
      'Home › Things to Do in Chicago › Museums'
    ]) {
      expect(run([trail, '', body, '', body].join('\n')).map((message) => message.ruleId), trail).toEqual(['boilerplate/breadcrumb'])
    }
  })

  it('takes quoted replies and shell pipelines for text, not trails: their steps are empty or long', () => {
    const body = 'Crews expect to restore power to most of the county by Thursday evening, a utility spokesperson said in a statement.'
    const quoted = [' > >  > apparently some systems limited soft links to the same device but', '> >   correctly).  In > most cases though, the headers appear as they were']
    const pipeline = '          cat in.fifo ) | nc myproxy 3128 | (read ; read ; nc -lp 8080 > in.fifo )'
    const row = 'Minutes | The committee met on Tuesday to discuss the budget | Approved'
    for (const line of [...quoted, pipeline, row]) {
      expect(run([body, '', line, '', body].join('\n')).map((message) => message.ruleId)).not.toContain('boilerplate/breadcrumb')
    }
  })

  it('takes a paragraph closed by an agency tag for prose, not for a photo credit', () => {
    const text = [
      'Storm Closes Coastal Highway',
      '',
      'A powerful storm closed the coastal highway on Tuesday and left thousands of homes without power, officials said. (AP)',
      '',
      'Crews expect to restore power to most of the county by Thursday evening, a utility spokesperson said in a statement. (dpa)'
    ].join('\n')
    // Only the closing tag may go, never the paragraph it closes.
    const found = run(text).map(offsets)
    expect(found.length).toBeGreaterThan(0)
    for (const {start, end} of found) expect(text.slice(start, end)).toMatch(/^\s*\((?:AP|dpa)\)$/)
  })

  it('deletes a page header above the headline and a link list after the article', () => {
    const text = [
      'Home',
      'News',
      'Sport',
      'Weather',
      'Storm Closes Coastal Highway',
      'A powerful storm closed the coastal highway on Tuesday and left thousands of homes without power, officials said.',
      'Crews expect to restore power to most of the county by Thursday evening, a utility spokesperson said.',
      'More from News',
      'Town Votes on New Budget',
      'Bridge Repairs Begin Next Week',
      'Privacy Policy',
      '© 2024 Coastal Daily. All rights reserved.'
    ].join('\n')
    const out = cleaned(text)
    expect(out).toBe(
      'Storm Closes Coastal Highway\nA powerful storm closed the coastal highway on Tuesday and left thousands of homes without power, officials said.\nCrews expect to restore power to most of the county by Thursday evening, a utility spokesperson said.\n'
    )
  })

  it("keeps a news wire's story whole: capitals headline, a first line cut short, tables of figures", () => {
    // Hard-wrapped at about 60 columns, paragraphs marked by indentation, as wire services and their archives write.
    const story = [
      'HARBOUR CO <HBR> SEES HIGHER GRAIN SHIPMENTS',
      '',
      'Harbour Co said on Thursday that',
      'Grain shipments through its two terminals on the east coast',
      'should rise by a fifth this year, with new berths opening in',
      'the spring and more ships calling from the Baltic ports.',
      '    The company said its results for the year were:',
      '    Shr 1.42 dlrs vs 1.18 dlrs',
      '    Net 12,400,000 vs 10,150,000',
      '    Revs 201.6 mln vs 187.3 mln',
      '    Tonnage handled, in thousands --',
      '                 1986       1985',
      '    Wheat       1,210.5    1,044.0',
      '    Barley        310.2      298.7'
    ].join('\n')
    expect(run(story).map((message) => message.ruleId)).toEqual([])
    // A page's menu above it still goes, and the headline stays.
    expect(cleaned(['Home', 'Markets', 'Grain', '', story].join('\n'))).toBe(story)
    // Figures read as dates nowhere else: a money-market quote, a verb with an amount.
    for (const line of ['Call money eased to 3.75/80 pct from', 'China posted a budget deficit of 7.08']) {
      expect(run(`MARKETS\n\n${line}\n${body('')}`).some((message) => message.ruleId === 'boilerplate/date-header'), line).toBe(false)
    }
    for (const line of ['Posted 14.05', 'Published: 12.03.2024 14:05', 'Updated at 9:41 GMT']) {
      expect(run(`${line}\n\n${body('')}`).some((message) => message.ruleId === 'boilerplate/date-header'), line).toBe(true)
    }
  })

  it('deletions include the line break and following blank lines', () => {
    const text = 'First paragraph of the story, which is long enough to count as prose here.\n\nAdvertisement\n\nSecond paragraph of the story, which is also long enough to count as prose.'
    const [message] = run(text)
    expect(message!.actual).toBe('Advertisement\n\n')
    expect(cleaned(text)).toBe(
      'First paragraph of the story, which is long enough to count as prose here.\n\nSecond paragraph of the story, which is also long enough to count as prose.'
    )
  })

  it('finds lines repeated across a corpus', () => {
    const article = (n: number) =>
      `Town Story ${n}\n\nThe town council met on Monday evening and agreed to repair the old bridge over the river before winter.\n\nThe Harbour Gazette Weekly\n`
    const files = corpusOf([1, 2, 3, 4].map(article))
    for (const file of files) {
      const messages = file.messages as UnspinMessage[]
      expect(messages.map((message) => [message.ruleId, message.actual])).toEqual([['boilerplate/repeated', 'The Harbour Gazette Weekly\n']])
      expect(messages[0]!.confidence).toBe(0.9)
    }
  })

  it('never takes section headings shared by documents for repeated furniture', () => {
    const paper = (n: number) =>
      `Study ${n} of river sediments\n\nAbstract\n\nWe measured the sediment load of the river at four sites over a year and found it rising.\n\n1. Introduction\n\nRivers carry sediment from the hills to the sea, and the load changes with the seasons.\n\nReferences\n\nThe Harbour Gazette Weekly\n`
    const files = corpusOf([1, 2, 3, 4].map(paper))
    for (const file of files) {
      expect((file.messages as UnspinMessage[]).map((message) => message.actual)).toEqual(['The Harbour Gazette Weekly\n'])
    }
  })

  it('still finds a numbered teaser list after the article (numbered lines are headings only above prose)', () => {
    const text = [
      'Council approves bridge repairs',
      'The town council met on Monday evening and agreed to repair the old bridge over the river before winter, the mayor said.',
      'The works will close the bridge to traffic for six weeks from October, and buses will be diverted through the north of the town.',
      'Most read',
      '1. Ten things you missed this week',
      '2. Why the mayor quit',
      '3. Storm warning issued'
    ].join('\n\n') + '\n'
    const files = corpusOf([text, text, text])
    for (const file of files) {
      const found = (file.messages as UnspinMessage[]).map((message) => [message.ruleId, message.actual.trim()])
      expect(found).toEqual(
        expect.arrayContaining([
          ['boilerplate/teaser', '1. Ten things you missed this week'],
          ['boilerplate/teaser', '2. Why the mayor quit'],
          ['boilerplate/repeated', '3. Storm warning issued']
        ])
      )
    }
  })

  it('a user keyword file with a broken pattern is a FILE:LINE error', () => {
    const file = `${fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-bp-'))}/site.yml`
    fs.writeFileSync(file, 'family: boilerplate\nlists:\n  - id: site\n    label: site widget\n    confidence: 0.9\n    patterns:\n      - "(unclosed"\n')
    expect(errorOf(() => loadKeywords([file]))).toMatch(/site\.yml:7: invalid pattern/)
    fs.writeFileSync(file, 'family: boilerplate\nlists:\n  - id: site\n    label: site widget\n    confidence: 2\n')
    expect(errorOf(() => loadKeywords([file]))).toMatch(/site\.yml:5: `lists.0.confidence` must be <= 1/)
  })

  it('user keyword lists are used', () => {
    const file = `${fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-bp-'))}/site.yml`
    fs.writeFileSync(file, 'family: boilerplate\nlists:\n  - id: gazette\n    label: site widget\n    confidence: 0.9\n    lines: [gazette plus]\n')
    const chain = unified().use(unspinParse).use(unspinBoilerplate, {rules: [file]})
    const doc = new VFile({value: body('Gazette Plus')})
    chain.runSync(chain.parse(doc), doc)
    expect(doc.messages.map((message) => message.ruleId)).toEqual(['boilerplate/gazette'])
  })
})

describe('glued', () => {
  it('splits glue at element boundaries', () => {
    expect(findGlued('He told the Daily Beast about it. He told the Daily Beastthat it was over.').map((g) => [g.actual, g.expected, g.confidence])).toEqual([
      ['Beastthat', 'Beast that', 0.9]
    ])
    expect(findGlued('The countrythat voted first.').map((g) => g.expected)).toEqual(['country that'])
    expect(findGlued('Troops advanced inUkraine on Monday, officials said.').map((g) => [g.expected, g.kind])).toEqual([['in Ukraine', 'camel']])
  })

  it('reads camel case in many places as identifiers of documented code, not glue', () => {
    const api = 'Use isEven to test parity. Call toNumber for a value, and onMatch runs per hit. Troops advanced inUkraine.'
    expect(findGlued(api)).toEqual([])
    // Repeated, or with prefixes glue never has (get, set), they are identifiers all the same.
    expect(findGlued('Call getValue, then setState, and toString twice: toString. Troops advanced inUkraine.')).toEqual([])
    // Two are still two accidents of a page.
    expect(findGlued('Troops advanced inUkraine, and theMinistry said so.').map((g) => g.expected)).toEqual(['in Ukraine', 'the Ministry'])
  })

  it('never splits a word, a name, or something seen twice', () => {
    const text =
      'Scott Rauland spoke. Putin and Lukashenko met in Mashhad near the Verband office. ' +
      'The husband demanded a reprimand. Zelenskyy spoke to Tsikhanouskaya. Kalinouski Kalinouski. ' +
      'Seethat Seethat. Visit example.com/Beastthat or @Beastthat and the thingthat-was.'
    expect(findGlued(text)).toEqual([])
  })

  it('reports through the plugin with the exact message', () => {
    const messages = run('We spoke to the Daily Beast first. Then the Daily Beastthat day.').filter((m) => m.family === 'glued')
    expect(messages.map(String)).toEqual(['doc.txt:1:51-1:60: Unexpected `Beastthat`, expected `Beast that`'])
  })
})

describe('mojibake', () => {
  const cases: Array<[string, string]> = [
    ['Belarusâ€™ opposition', 'Belarus’ opposition'],
    ['cafÃ© au lait', 'café au lait'],
    ['It costs Â£100', 'It costs £100'],
    ['doesnÃƒÂ¢Ã¢â€šÂ¬Ã¢â€žÂ¢t', 'doesn’t'],
    ['ÐŸÑ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€', 'Привет мир'],
    ['РџСЂРёРІРµС‚', 'Привет'],
    ['l’humanitÃ©', 'l’humanité'],
    ['â€œHello,â€ he said', '“Hello,â€ he said']
  ]

  it.each(cases)('repairs %s', (input, expected) => {
    const edits = findMojibake(input).map((repair) => ({start: repair.start, end: repair.end, replacement: repair.expected}))
    expect(applyEdits(input, edits).text).toBe(expected)
  })

  it('never touches fine text, curly quotes included', () => {
    for (const text of [
      'naïve café “quoted” — fine',
      'IL Y MARQUÉ…',
      'SÃO PAULO and Âge d’or',
      'à la carte, déjà vu, Zürich, São Paulo, Kraków, Ærø, Dvořák',
      'Привет мир, Ελληνικά, 日本語, emoji 🎉',
      'Sviatlana Tsikhanouskaya’s “union state” — 9,000 troops'
    ]) {
      expect(findMojibake(text), text).toEqual([])
    }
    expect(run(read('000')).filter((m) => m.family === 'mojibake')).toEqual([])
  })

  it('straightens quotes only when asked', () => {
    expect(findMojibake('dictatorâ€™s')[0]!.expected).toBe('’')
    expect(findMojibake('dictatorâ€™s', {uncurl: true})[0]!.expected).toBe("'")
  })

  it('reports with the exact message', () => {
    const [message] = run('Belarusâ€™ opposition')
    expect(String(message)).toBe('doc.txt:1:8-1:11: Unexpected `â€™`, expected `’`')
    expect(message!.confidence).toBe(0.98)
  })
})

describe('mt', () => {
  it('runs every catalogue example', () => {
    const rules = loadCatalogue().phrases.get('mt') ?? []
    expect(rules.length).toBeGreaterThan(10)
    for (const rule of rules) {
      for (const example of rule.examples.match) {
        const start = example.indexOf('[')
        const end = example.indexOf(']') - 1
        const text = example.replace('[', '').replace(']', '')
        const hits = run(text).filter((message) => message.family === 'mt')
        expect(hits.map((hit) => [hit.ruleId, offsets(hit)]), `${rule.id}: ${example}`).toContainEqual([`mt/${rule.id}`, {start, end}])
      }
      for (const example of rule.examples.pass) {
        const hits = run(example).filter((message) => message.ruleId === `mt/${rule.id}`)
        expect(hits, `${rule.id}: ${example}`).toEqual([])
      }
    }
  })

  it('never takes the British tabloid for Der Spiegel', () => {
    expect(run('The minister told the Mirror on Sunday.').filter((m) => m.family === 'mt')).toEqual([])
  })
})
