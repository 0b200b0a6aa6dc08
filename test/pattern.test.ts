import {describe, expect, it} from 'vitest'
import {memoizePair} from '../src/core/memo.js'
import {screenedPattern, withoutWordBoundaries} from '../src/core/pattern.js'
import {loadKeywords} from '../src/cleanup/keywords.js'
import {ruleFile} from './helpers/cli.js'

describe('screened patterns', () => {
  it('takes out word boundaries, but not a backspace in a class, an escaped backslash, or one inside a lookaround', () => {
    expect(withoutWordBoundaries(String.raw`\bphotos?\s*:\s*\S`)).toBe(String.raw`(?:)photos?\s*:\s*\S`)
    expect(withoutWordBoundaries(String.raw`(?:\ba|b\b)c`)).toBe(String.raw`(?:(?:)a|b(?:))c`)
    expect(withoutWordBoundaries(String.raw`[\b]x\\b`)).toBeUndefined()
    expect(withoutWordBoundaries(String.raw`[\]\b]\bx`)).toBe(String.raw`[\]\b](?:)x`)
    expect(withoutWordBoundaries(String.raw`x(?!\by)\b`)).toBe(String.raw`x(?!\by)(?:)`)
    expect(withoutWordBoundaries(String.raw`(?<=\ba)\bz`)).toBe(String.raw`(?<=\ba)(?:)z`)
    expect(withoutWordBoundaries(String.raw`(?<!(?:\ba))\bz`)).toBe(String.raw`(?<!(?:\ba))(?:)z`)
    expect(withoutWordBoundaries(String.raw`(?<name>\bq)\k<name>`)).toBe(String.raw`(?<name>(?:)q)\k<name>`)
    expect(withoutWordBoundaries(String.raw`\Bq`)).toBeUndefined()
  })

  it('never joins an escape to the digit after a boundary, and leaves repeated groups with boundaries alone', () => {
    // `\1\b0` is not the backreference `\10`, `\0\b1` not the invalid `\01`.
    expect(withoutWordBoundaries(String.raw`(-)\1\b0`)).toBe(String.raw`(-)\1(?:)0`)
    expect(withoutWordBoundaries(String.raw`x\0\b1`)).toBe(String.raw`x\0(?:)1`)
    const ten = String.raw`(-)(b)(c)(d)(e)(f)(g)(h)(i)(j)\1\b0`
    expect(screenedPattern(ten, 'iu').test('-bcdefghij-0')).toBe(true)
    expect(screenedPattern(String.raw`x\0\b1`, 'iu').test('x\u00001')).toBe(true)
    // Without its boundary, a repeated group like this backtracks exponentially.
    for (const source of [String.raw`^(?:\w+\b\s*)+:`, String.raw`(?:a\b){2}`, String.raw`(?:(?:a\b)x)*`, String.raw`(?:a\b)?`]) {
      expect(withoutWordBoundaries(source), source).toBeUndefined()
      expect(screenedPattern(source, 'iu')).toBeInstanceOf(RegExp)
    }
    expect(withoutWordBoundaries(String.raw`(?:a\b)x`)).toBe(String.raw`(?:a(?:))x`)
  })

  it('answers as the pattern itself does, on lines that the looser pattern accepts too', () => {
    const sources = [
      String.raw`\bcopyright\s*(?:©\s*)?\d{4}`,
      String.raw`\b(?:photo|image)s?\s*:\s*\S`,
      String.raw`x(?!\by)\b`,
      String.raw`\b(?:getty images|ap photo)\s*\)?\s*$`,
      String.raw`(?<=\bq)\bx`
    ]
    const lines = [
      'Copyright 2024 Example Media',
      'copyrighted 2024',
      'non-copyright 2024',
      'xcopyright 2024',
      'Photo: Jane Doe',
      'Telephoto: lenses',
      'Photos : x',
      'x y',
      'xy',
      'x',
      'qx',
      'q x',
      'aqx',
      'A protester in Minsk. (AP Photo)',
      'A protester (PAP Photo)',
      'Licensed via Getty Images',
      'ſhutterstock, Ǆ and other folds: Copyright 1999'
    ]
    for (const source of sources) {
      const tester = screenedPattern(source, 'iu')
      expect(tester, source).not.toBeInstanceOf(RegExp)
      const plain = new RegExp(source, 'iu')
      for (const line of lines) expect([source, line, tester.test(line)]).toEqual([source, line, plain.test(line)])
    }
  })

  it('screens only where that is faster: case-insensitive Unicode patterns, not global or sticky ones', () => {
    expect(screenedPattern(String.raw`\bx`, 'iu')).not.toBeInstanceOf(RegExp)
    for (const flags of ['u', 'i', 'giu', 'iuy']) expect(screenedPattern(String.raw`\bx`, flags)).toBeInstanceOf(RegExp)
    expect(screenedPattern('x', 'iu')).toBeInstanceOf(RegExp)
    expect(() => screenedPattern('(', 'iu')).toThrow(SyntaxError)
  })

  it("never screens a user's list patterns: one that would backtrack without its boundaries answers at once", () => {
    const file = ruleFile([
      'family: boilerplate',
      'lists:',
      '  - id: site',
      '    label: site widget',
      '    confidence: 0.9',
      "    patterns: ['^(?:\\w+\\b\\s*)+:', '(-)\\1\\b0']",
      // A list of its own: with the other patterns, the repeated group would keep the whole list from being screened.
      '  - id: label',
      '    label: label',
      '    confidence: 0.9',
      "    patterns: ['\\w+\\b\\s*\\w+\\b:']"
    ])
    const keywords = loadKeywords([file], false)
    const started = performance.now()
    expect(keywords.match('Photographs supplied courtesy of the agency', 6)).toBeUndefined()
    // Without its boundaries the second pattern tries each split of a long word: seconds, not milliseconds.
    expect(keywords.match('a'.repeat(2500), 1)).toBeUndefined()
    expect(performance.now() - started).toBeLessThan(1000)
    expect(keywords.match('Credits: the agency', 3)).toMatchObject({list: {id: 'site'}, how: 'pattern'})
    expect(keywords.match('--0', 1)).toMatchObject({list: {id: 'site'}, how: 'pattern'})
  })
})

describe('memoizePair', () => {
  it('remembers by both strings, apart: no pair is taken for another whose strings join to the same', () => {
    let calls = 0
    const join = memoizePair((left, right) => {
      calls++
      return `${left}|${right}`
    })
    expect(join('ab', 'c')).toBe('ab|c')
    expect(join('a', 'bc')).toBe('a|bc')
    expect(join('ab', 'c')).toBe('ab|c')
    expect(calls).toBe(2)
  })

  it('empties its tables past the limit, and still answers', () => {
    let calls = 0
    const pair = memoizePair((left, right) => {
      calls++
      return left + right
    }, 2)
    pair('a', 'b')
    pair('a', 'c')
    pair('d', 'e')
    expect(pair('a', 'b')).toBe('ab')
    expect(calls).toBe(4)
  })
})
