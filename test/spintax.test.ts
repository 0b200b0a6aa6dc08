import {describe, expect, it} from 'vitest'
import {createEngine} from '../src/index.js'
import type {UnspinFileData, UnspinMessage} from '../src/core/types.js'
import {engineInputs, openSource} from '../src/inputs/index.js'

const engine = createEngine({only: ['spintax'], minConfidence: 0.05, config: {}})
const find = (text: string) =>
  (engine.check([{path: 'x', text}])[0]!.messages as UnspinMessage[]).map((m) => [m.ruleId, m.actual, m.expected])

describe('spintax', () => {
  it('finds debris in prose and proposes the text inside', () => {
    expect(find('to bolster the dwindling stock of {hardware}.')).toEqual([['spintax/braces', '{hardware}', ['hardware']]])
    expect(find('It was a {big|large|huge} crowd on the square.')).toEqual([['spintax/alternatives', '{big|large|huge}', ['big', 'large', 'huge']]])
    expect(find('They sold the <hardware> at a loss last year.')).toEqual([['spintax/angles', '<hardware>', ['hardware']]])
    expect(find('PRICES OF {HARDWARE} SOAR AGAIN')).toEqual([['spintax/braces', '{HARDWARE}', ['HARDWARE']]])
    // An editor's elision and an aside after a hyphen are prose, not a command's usage.
    expect(find('The minister said the plan [...] would deliver the {hardware} on time.')).toHaveLength(1)
    expect(find('Some rivals -notably the largest- sold the {hardware} at a loss.')).toHaveLength(1)
    // Lower case, a word in a sentence is debris even where JavaScript has a type of that name.
    expect(find('Officials could not confirm the {number} of people hurt.')).toEqual([['spintax/braces', '{number}', ['number']]])
  })

  it('leaves code, URLs, maths, templates, markup and emoticons alone', () => {
    for (const text of [
      'Call fetch(`/api/{id}`) and return {data} from the handler;',
      'See https://example.org/items/{id}/edit for the form.',
      'Let \\frac{a}{b} be the ratio and x^{2} the square.',
      'The set {1, 2, 3} has three members.',
      'Hello {{name}}, your order has shipped.',
      'He wrote <b>bold</b> and <br> in the page source.',
      'I love you :-{ said the card, and {x} marks nothing.',
      'const value = {hardware}',
      'Price: ${amount} per unit',
      'The globs argument {String|Array} holds one or more glob patterns to match.',
      'The options {Object} may also set a custom separator for paths.',
      'usage: yq [options] <jq filter> [input file...]',
      'See the manual, or run dpkg --print-avail <package> for the details.',
      'By using "pkg-config xmlsec1-<engine>" you pick the crypto engine.',
      'Debug symbols are in the libstd++6-<GCC version>-dbg package for each release.',
      '#include <iostream>',
      "I think we've got it right this time <wink>.",
      'Write to the <debian-package-git> mailing list with your patch.',
      'Copyright (C) <year>  <name of author> applies to each file of the program.',
      'The loop reads lines from <STDIN> until the end, then runs {EXPR} once more.',
      'Press <Return> to accept the default, or read the script from <stdin> instead.'
    ]) {
      expect(find(text), text).toEqual([])
    }
  })

  it('leaves a block of code between paragraphs alone, and an address written against robots', () => {
    const prose = 'I hacked this together quickly a year ago and it still works for me.'
    const tcl = ['proc HD_Dist_Silently { args } {', '    global exmh msg', '    set exmh(ctype) {dist}', '    if {[string length $args] == 0} {', '\tset args Mh_DistSetup', '    }', '}'].join('\n')
    const selection = ['proc Text_Selection {} {', '    if [catch {selection get} sel] {', '        return ""', '    }', '}'].join('\n')
    for (const text of [
      [prose, '', tcl, '', prose].join('\n'),
      [prose, '', selection, '', prose].join('\n'),
      [prose, '', '*sequence_cur:  -background {PaleGoldenrod} -relief sunken -borderwidth 2', '', prose].join('\n'),
      'Kevin Worthington - <kworthington (at) linuxmail {dot} org>',
      'Write to jo {at} example {dot} org for the details.'
    ]) {
      expect(find(text), text).toEqual([])
    }
    // Debris in hard-wrapped prose, on a line between two of prose, is still debris.
    expect(find(['The council agreed to bolster the dwindling', 'stock of {hardware} before the winter, and the', 'mayor said the money was already there.'].join('\n'))).toEqual([
      ['spintax/braces', '{hardware}', ['hardware']]
    ])
    expect(find('Send the {dot} points to the office by Friday.')).toHaveLength(1)
    // A bracketed "at" is no address by itself.
    expect(find('Meet me {at} the office before the board votes on Friday.')).toHaveLength(1)
  })

  it('judges brackets in a long sentence of a token-only tree at the cost of a full tree', async () => {
    const {unspinProcessor} = await import('../src/preset.js')
    const {VFile} = await import('vfile')
    // One sentence of 400 kB with debris all along it: each bracket's window must cost only the tokens in it.
    const text = 'the quick brown fox jumps over the lazy dog and {big|large} cat '.repeat(6000)
    const time = (tokensOnly: boolean) => {
      const processor = unspinProcessor({families: ['spintax'], parse: {tokensOnly}})
      let best = Infinity
      for (let round = 0; round < 3; round++) {
        const file = new VFile({path: 'long.txt', value: text})
        const start = performance.now()
        processor.runSync(processor.parse(file), file)
        best = Math.min(best, performance.now() - start)
        expect(file.messages).toHaveLength(6000)
      }
      return best
    }
    const full = time(false)
    // Walking the sentence's tokens from its start at every bracket took 14 times as long.
    expect(time(true)).toBeLessThan(full * 3)
  })

  it('reads many bracketed words in one text as its own notation; alternatives are still debris', () => {
    const manual = [
      'Use the autocmd command with {event} and {pattern} to run {cmd} whenever a file is read.',
      'The {group} argument names the group, and the command goes in the {cmd} part as usual.',
      'A typo leaves a {big|large|huge} mess in the help text of the editor.'
    ].join('\n\n')
    expect(find(manual)).toEqual([['spintax/alternatives', '{big|large|huge}', ['big', 'large', 'huge']]])
    // Angle brackets too: a manual's <cword>, <sfile>, <amatch> and <afile>.
    expect(find('Use <cword> for the word under the cursor, <sfile> for the script, <amatch> for the match and <afile> for the file name.')).toEqual([])
    // One word bracketed over and over is a spinner's protected word, left in each time.
    expect(find('Shares of {Tesla} rose again on Monday, traders said. '.repeat(8))).toHaveLength(8)
  })

  it('leaves brackets around code an HTML page marks up alone', () => {
    const html = '<p>Each argument is written as { <a href="#generic-arg">generic-arg</a> } in the grammar of the mangling scheme, and the rest follows.</p>'
    const files = engine.check(engineInputs([openSource({path: 'a.html', text: html, bom: false})]))
    expect(files[0]!.messages).toEqual([])
    // Written as words, the same brackets are debris.
    expect(find('Each argument is written as {hardware} in the grammar of the scheme, and the rest follows.')).toHaveLength(1)
  })

  it('reads speakers at the start of chat-log lines as speakers, and debris in them as debris', () => {
    const log = '<alice> did the build pass?\n\n[12:01] < bob> not yet, the <hardware> test hangs\n<alice> ok'
    expect(find(log)).toEqual([['spintax/angles', '<hardware>', ['hardware']]])
    // One line starting with brackets is no log: a spinner may protect a paragraph's first word.
    expect(find('<Apple> said its sales rose in the quarter.')).toEqual([['spintax/angles', '<Apple>', ['Apple']]])
  })

  it("leaves a news wire's company tags and tickers in angle brackets alone", () => {
    expect(find('TALKING POINT/BANKAMERICA <BAC> EQUITY OFFER\n\nBankAmerica Corp <BAC> is not under pressure to act, analysts said.')).toEqual([])
    expect(find('The stake was sold to <National Bank of New Zealand Ltd> last week, the bank said.')).toEqual([])
    expect(find('<Cityquest Plc> said its profit rose in the year to March.')).toEqual([])
    expect(find('The shares were bought by <Maserati> on Monday, the filing showed.')).toEqual([])
    // A common word is a spinner's, wherever it sits, and so is one capitalised word opening a sentence.
    expect(find('The company sold the <hardware> to <Cityquest Plc> last week.')).toEqual([['spintax/angles', '<hardware>', ['hardware']]])
    expect(find('Sales fell. <Residents> said the shop had closed.')).toEqual([['spintax/angles', '<Residents>', ['Residents']]])
    // Whether a tag opens a sentence is read from the text just before it, not from the paragraph's
    // start: 20,000 tags in one 1.3 MB paragraph took 16 s when it was.
    const started = performance.now()
    expect(find('The bank sold shares to <Harbour> on Monday and analysts said so '.repeat(20_000))).toEqual([])
    expect(performance.now() - started).toBeLessThan(5000)
  })

  it('leaves the words inside debris to spintax: spin reports none of its options, but counts them', () => {
    const both = createEngine({only: ['spintax', 'spin'], config: {}})
    const check = (text: string) => {
      const file = both.check([{path: 'x', text}])[0]!
      const messages = (file.messages as UnspinMessage[]).map((m) => [m.ruleId, m.place && 'start' in m.place ? m.place.start.offset : undefined, m.actual])
      return {score: Math.round((file.data as UnspinFileData).spinScore! * 100) / 100, messages}
    }
    // Only the same words after the debris are reported.
    expect(check('Officials {stated|said} the {safety officers|security officials} had it, stated the safety officers.').messages).toEqual([
      ['spintax/alternatives', 10, '{stated|said}'],
      ['spintax/alternatives', 28, '{safety officers|security officials}'],
      ['spin/said-stated', 73, 'stated'],
      ['spin/security-officials-safety-officers', 84, 'safety officers']
    ])
    // The spinner's synonyms inside the debris still count towards the score (0.63, as when
    // they were reported), so the messages beside the debris keep their confidence.
    expect(check('Officials {stated|said} the news on Monday, and the building was closed, as the safety officers stated.')).toEqual({
      score: 0.63,
      messages: [
        ['spintax/alternatives', 10, '{stated|said}'],
        ['spin/security-officials-safety-officers', 80, 'safety officers'],
        ['spin/said-stated', 96, 'stated']
      ]
    })
    // A form English never writes speaks inside debris too: angle brackets' own confidence (0.85)
    // is below `fix`'s threshold, and its fix leaves no spun words behind.
    expect(check('A vote in the <home of commons> was held on Monday.').messages).toEqual([
      ['spintax/angles', 14, '<home of commons>'],
      ['spin/parliaments-house-home', 15, 'home of commons']
    ])
  })
})
