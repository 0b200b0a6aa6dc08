import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parse as parseCsv} from 'csv-parse/sync'
import {describe, expect, it} from 'vitest'
import {InputError} from '../src/core/io.js'
import {
  isExcluded,
  loadFingerprints,
  parseFingerprintList,
  parseFingerprints,
  readFingerprintList,
  requirementsMet,
  type Fingerprint
} from '../src/rules/fingerprints.js'

const here = path.dirname(fileURLToPath(import.meta.url))
const fixtures = path.join(here, 'fixtures', 'fingerprints')
// Third-party lists, used in place (never copied into the repo).
const realLists = path.join(here, '..', '..', 'shared', 'data', 'tortured-phrases')
const ppsCsv = path.join(realLists, 'hahuyhoang411_tortured.csv')
const checkJson = path.join(realLists, 'torturedcheck_tortured-phrases.json')

/** The fields that matter, without the long origin path. */
function summary(fingerprint: Fingerprint) {
  const {origin, ...rest} = fingerprint
  return {line: Number(origin.split(':').pop()), ...rest}
}

function errorOf(run: () => unknown): InputError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return error as InputError
  }
  throw new Error('expected an InputError')
}

describe('small.csv (every operator, BOM, CRLF, doubled quotes, thousands separators)', () => {
  const list = readFingerprintList(path.join(fixtures, 'small.csv'))
  const base = {requires: [], requiresAny: [], excludes: [], uncertain: false, risky: false, risks: []}

  it('reads every row into the documented shape', () => {
    expect(list.format).toBe('csv')
    expect(list.rows).toBe(14)
    expect(list.fingerprints.map(summary)).toEqual([
      {...base, line: 2, tortured: 'colossal information', expected: ['big data'], papers: 1204},
      {...base, line: 3, tortured: 'profound learning', expected: ['deep learning'], requires: ['deep learning'], papers: 310},
      {...base, line: 4, tortured: 'lustrous features', expected: ['salient features'], excludes: ['specular'], papers: 12},
      {
        ...base,
        line: 5,
        tortured: 'arbitrary woodland',
        expected: ['random forest', 'random forest classifier'],
        excludes: ['arbitrary woodland fire'],
        papers: 7
      },
      {...base, line: 6, tortured: 'fog registering', expected: ['fog computing', 'edge computing']},
      {...base, line: 6, tortured: 'fog figuring', expected: ['fog computing', 'edge computing']},
      {...base, line: 7, tortured: 'disappearing slope problem', expected: ['vanishing gradient problem'], slop: 4, papers: 3, uncertain: true},
      {...base, line: 8, tortured: 'hallway effect', expected: ['Hall effect'], requiresAny: [['magnetic', 'sensor']], papers: 45},
      {...base, line: 9, tortured: 'fluffy rationale', expected: ['fuzzy logic'], papers: 9, url: 'https://example.org/fuzzy-logic'},
      {...base, line: 10, tortured: 'heart disappointment', expected: ['heart failure', 'cardiac failure']},
      {
        ...base,
        line: 12,
        tortured: 'large',
        expected: ['big'],
        papers: 0,
        risky: true,
        risks: [expect.stringMatching(/^single common English word/)]
      },
      {...base, line: 13, tortured: 'neural network', expected: ['neural network'], papers: 1, risky: true, risks: ['tortured phrase equals its replacement']},
      {...base, line: 14, tortured: 'facts and innovation', expected: ['information technology'], papers: 3}
    ])
  })

  it('skips unusable rows with a line and a reason instead of failing the file', () => {
    expect(list.skipped.map(({origin, reason}) => [Number(origin.split(':').pop()), reason])).toEqual([
      [11, 'no replacement known (only `?`)'],
      [15, 'expected AND, OR or NOT before `ADN` in query `"lost cause" ADN "hope"`']
    ])
  })

  it('reads the same rows without BOM and with LF line endings', () => {
    const text = fs.readFileSync(path.join(fixtures, 'small.csv'), 'utf8').replace(/^\uFEFF/, '').replaceAll('\r\n', '\n')
    expect(parseFingerprints(text, 'x.csv').map(({origin, ...rest}) => rest)).toEqual(
      list.fingerprints.map(({origin, ...rest}) => rest)
    )
  })

  it('loadFingerprints returns the usable rows only', () => {
    expect(loadFingerprints(path.join(fixtures, 'small.csv'))).toHaveLength(13)
  })
})

describe('small.json ({tortured, correct} under `phrases`)', () => {
  const list = readFingerprintList(path.join(fixtures, 'small.json'))
  const base = {requires: [], requiresAny: [], excludes: [], uncertain: false, risky: false, risks: []}

  it('reads pairs with their line numbers', () => {
    expect(list.format).toBe('json')
    expect(list.rows).toBe(7)
    expect(list.fingerprints.map(summary)).toEqual([
      {...base, line: 6, tortured: 'colossal information', expected: ['big data']},
      {...base, line: 10, tortured: 'profound learning', expected: ['deep learning'], uncertain: true},
      // The tortured phrase carries the acronym, so the replacement keeps it.
      {...base, line: 14, tortured: 'irregular woodland (rf)', expected: ['random forest (rf)']},
      {...base, line: 18, tortured: 'lustrous features', expected: ['salient features'], excludes: ['specular']},
      {...base, line: 22, tortured: 'bogus positive', expected: ['false positive', 'false alarm']},
      {...base, line: 30, tortured: 'great', expected: ['big'], risky: true, risks: [expect.stringMatching(/common English word/)]}
    ])
    expect(list.skipped).toEqual([{origin: `${path.join(fixtures, 'small.json')}:26`, reason: 'no replacement known (only `?`)'}])
  })

  it('accepts a bare array and takes plain phrases literally', () => {
    const fingerprints = parseFingerprints('[{"tortured": "AND so on", "correct": "etc."}]', 'list.json')
    expect(fingerprints.map((f) => [f.tortured, f.expected, f.requires])).toEqual([['AND so on', ['etc.'], []]])
  })
})

describe('query and replacement cleaning', () => {
  const one = (row: string) => {
    const list = parseFingerprintList(`tortured_phrase,expected_phrase\n${row}\n`, 'q.csv')
    return list.fingerprints.length > 0 ? list.fingerprints : list.skipped.map((s) => s.reason)
  }

  it('skips a paper count too large to be a number (it would not survive the rule cache either)', () => {
    const huge = '9'.repeat(400)
    expect(one(`"""big data""",large data,${huge}`)).toEqual([`num_papers \`${huge}\` is not a number`])
    expect(one('"""big data""",large data,"1,204"')).toMatchObject([{papers: 1204}])
  })

  it('reads bare words as a phrase and nested OR groups in AND', () => {
    expect(one('"""business knowledge"" AND business intelligence",business intelligence (BI)')).toMatchObject([
      {tortured: 'business knowledge', requires: ['business intelligence'], expected: ['business intelligence']}
    ])
    expect(one('"""a b"" AND (""c"" OR ""d"") AND (""e"" OR ""f g"")",x')).toMatchObject([
      {tortured: 'a b', requiresAny: [['c', 'd'], ['e', 'f g']]}
    ])
  })

  it('applies conditions after an OR run of tortured phrases to each of them', () => {
    expect(one('"""fit record"" OR ""fit file"" AND ""fit index"" NOT (""x"" OR ""y"")",Fit Index')).toMatchObject([
      {tortured: 'fit record', requires: ['fit index'], excludes: ['x', 'y']},
      {tortured: 'fit file', requires: ['fit index'], excludes: ['x', 'y']}
    ])
    expect(one('"""human-PC association""",Human Machine Interface (HMI) OR Human-computer interaction (HCI)')).toMatchObject([
      {expected: ['Human Machine Interface', 'Human-computer interaction']}
    ])
  })

  it('refuses conditions it cannot represent rather than loosening them', () => {
    expect(one('"""a b"" NOT ""a b c""~5",x')).toEqual(['proximity (`~5`) inside NOT term is not supported'])
    expect(one('"""a b"" AND ""c d""~9",x')).toEqual(['proximity (`~9`) inside AND term is not supported'])
    expect(one('"""a b"" AND ((""c"" OR ""d""))",x')).toEqual(['nested groups are not supported'])
    expect(one('"""a b",x')).toEqual(['unbalanced quote in query `"a b`'])
  })

  it('splits slash alternatives only where the slash is not part of a term', () => {
    expect(one('"""pilot take a look at""",pilot experiment/study')).toMatchObject([{expected: ['pilot experiment', 'pilot study']}])
    expect(one('"""monetary development""",economic development/profit growth')).toMatchObject([
      {expected: ['economic development/profit growth']}
    ])
    expect(one('"""TCP/IP bundle""",TCP/IP packet')).toMatchObject([{expected: ['TCP/IP packet']}])
    expect(one('"""gas and mass spectroscopy""",GC/MS')).toMatchObject([{expected: ['GC/MS']}])
  })

  it('drops notes, keeps bracketed context as a second choice, skips descriptions', () => {
    expect(one('"""layer yields"" AND ""neural network""",[neural network] layer outputs')).toMatchObject([
      {expected: ['layer outputs', 'neural network layer outputs'], requires: ['neural network']}
    ])
    expect(one('"""extricating highlights""~20 NOT specular",extracting [...] features')).toMatchObject([
      {expected: ['extracting features'], slop: 20, excludes: ['specular']}
    ])
    expect(one('"""computer-based intelligence""","artificial intelligence (or possibly ""machine learning"")"')).toMatchObject([
      {expected: ['artificial intelligence'], uncertain: false}
    ])
    expect(one('"""area unit""","the word ‘are’ as in the verb ‘be’"')).toEqual([
      'expected phrase is a description, not a replacement: `the word ‘are’ as in the verb ‘be’`'
    ])
    expect(one('"""cloud platform""",the cloud platform')).toMatchObject([
      {risky: true, risks: ['tortured phrase is part of its own replacement']}
    ])
  })
})

describe('conditions', () => {
  const [fingerprint] = parseFingerprints(
    'tortured_phrase,expected_phrase\n"""arbitrary woodland"" AND ""trees"" AND (""classifier"" OR ""regression"") NOT ""arbitrary woodland fire""",random forest\n',
    'c.csv'
  )

  it('requires AND terms and one phrase of each OR group, as whole words across line breaks', () => {
    expect(requirementsMet(fingerprint!, 'An arbitrary woodland of trees as a\nclassifier.')).toBe(true)
    expect(requirementsMet(fingerprint!, 'An arbitrary woodland of trees.')).toBe(false)
    expect(requirementsMet(fingerprint!, 'An arbitrary woodland of streets as a classifier.')).toBe(false)
  })

  it('excludes only matches inside an occurrence of a NOT phrase that contains the tortured phrase', () => {
    const text = 'An arbitrary woodland fire. An arbitrary woodland classifier.'
    expect(isExcluded(fingerprint!, text, 3, 21)).toBe(true)
    expect(isExcluded(fingerprint!, text, 31, 49)).toBe(false)
    const [specular] = parseFingerprints('"""lustrous features"" NOT specular",salient features\n', 's.csv')
    expect(isExcluded(specular!, 'Specular light. The lustrous features.', 20, 37)).toBe(true)
    expect(isExcluded(specular!, 'Spectacular! The lustrous features.', 17, 34)).toBe(false)
  })
})

describe('malformed files fail as FILE:LINE: what is wrong', () => {
  it('reports a broken CSV quote with its line', () => {
    const error = errorOf(() => parseFingerprints('tortured_phrase,expected_phrase\n"""a""",b\n"""c"" x,d\n', 'bad.csv'))
    expect(error.path).toBe('bad.csv:3')
    expect(String(error)).toMatch(/^bad\.csv:3: invalid CSV: /)
  })

  it('reports a row with too many columns', () => {
    const error = errorOf(() => parseFingerprints('tortured_phrase,expected_phrase\n"""a""",b,1,extra\n', 'wide.csv'))
    expect(String(error)).toBe(
      'wide.csv:2: expected 2 or 3 columns (tortured_phrase,expected_phrase[,num_papers]), found 4; quote fields that contain commas'
    )
  })

  it('reports invalid JSON with its line and a wrong shape by name', () => {
    expect(String(errorOf(() => parseFingerprints('{\n  "phrases": [\n    {"tortured": "a",}\n  ]\n}', 'bad.json')))).toMatch(
      /^bad\.json:3: invalid JSON: /
    )
    expect(String(errorOf(() => parseFingerprints('{"pairs": []}', 'shape.json')))).toBe(
      'shape.json: expected a JSON array of {tortured, correct} or an object with a `phrases` array'
    )
    expect(String(errorOf(() => parseFingerprints('[\n{"tortured": 3, "correct": "x"}\n]', 'type.json')))).toBe(
      'type.json:2: entry 1: expected an object with a string `tortured`'
    )
  })

  it('rejects empty, missing and rowless files', () => {
    expect(String(errorOf(() => loadFingerprints(path.join(fixtures, 'does-not-exist.csv'))))).toMatch(/no such file or directory$/)
    expect(String(errorOf(() => parseFingerprints('tortured_phrase,expected_phrase\n', 'header-only.csv')))).toBe(
      'header-only.csv: no fingerprint rows'
    )
    expect(String(errorOf(() => parseFingerprints('[]', 'empty.json')))).toBe('empty.json: no fingerprint rows')
  })
})

describe.skipIf(!fs.existsSync(ppsCsv))('the real PPS CSV export (used in place)', () => {
  const list = readFingerprintList(ppsCsv)
  const raw = (parseCsv(fs.readFileSync(ppsCsv), {bom: true, from_line: 2}) as string[][]).map((row) => row[0]!)

  it('accounts for every row: loaded or skipped with a reason', () => {
    const loadedRows = new Set(list.fingerprints.map((f) => f.origin))
    const skippedRows = new Set(list.skipped.map((s) => s.origin))
    const stats = {
      rows: list.rows,
      withAND: raw.filter((query) => / AND /.test(query)).length,
      withNOT: raw.filter((query) => / NOT /.test(query)).length,
      withProximity: raw.filter((query) => /"~\d+/.test(query)).length,
      withOR: raw.filter((query) => / OR /.test(query)).length,
      withAnyOperator: raw.filter((query) => / (?:AND|NOT|OR) |"~\d/.test(query)).length,
      loadedRows: loadedRows.size,
      fingerprints: list.fingerprints.length,
      loadedWithRequires: list.fingerprints.filter((f) => f.requires.length + f.requiresAny.length > 0).length,
      loadedWithOrGroups: list.fingerprints.filter((f) => f.requiresAny.length > 0).length,
      loadedWithExcludes: list.fingerprints.filter((f) => f.excludes.length > 0).length,
      loadedWithSlop: list.fingerprints.filter((f) => f.slop !== undefined).length,
      uncertain: list.fingerprints.filter((f) => f.uncertain).length,
      risky: list.fingerprints.filter((f) => f.risky).length,
      skipped: list.skipped.length,
      skippedBy: countReasons(list.skipped)
    }
    console.log(`PPS CSV ${path.basename(ppsCsv)}:`, stats)
    expect(list.rows).toBe(7644)
    expect(raw).toHaveLength(7644)
    expect(loadedRows.size + skippedRows.size).toBe(list.rows)
    // Real operator usage, as the data's README counts it (636 rows; one of them uses OR).
    expect(stats.withAnyOperator).toBe(636)
    expect(stats.loadedWithRequires).toBeGreaterThan(500)
    expect(stats.loadedWithExcludes).toBeGreaterThan(15)
    expect(stats.loadedWithSlop).toBeGreaterThan(50)
    // Only rows without a known replacement, descriptions and unrepresentable queries are skipped.
    expect(list.skipped.length).toBeLessThan(list.rows * 0.04)
    for (const fingerprint of list.fingerprints) {
      expect(fingerprint.tortured).not.toMatch(/^\s|\s$|"/)
      expect(fingerprint.expected.length).toBeGreaterThan(0)
      for (const value of fingerprint.expected) expect(value).not.toMatch(/^\s*$|\?|https?:|\[|\]/)
    }
  })

  it('keeps the counts, flags and context of known rows', () => {
    const byPhrase = (phrase: string) => list.fingerprints.find((f) => f.tortured === phrase)
    expect(byPhrase('surface region')).toMatchObject({expected: ['surface area'], requires: ['surface area'], papers: 42682})
    expect(byPhrase('gatherings clustering')).toMatchObject({slop: 10, expected: ['clustering']})
    expect(byPhrase('cadence design')).toMatchObject({uncertain: true, expected: ['rythm pattern']})
    expect(byPhrase('brilliant')).toMatchObject({risky: true, requires: ['keen', 'savvy', 'shrewd']})
  })
})

describe.skipIf(!fs.existsSync(checkJson))('the real torturedcheck JSON list (used in place)', () => {
  const list = readFingerprintList(checkJson)

  it('accounts for every pair and flags pairs whose tortured phrase is the correct one', () => {
    const stats = {
      rows: list.rows,
      fingerprints: list.fingerprints.length,
      uncertain: list.fingerprints.filter((f) => f.uncertain).length,
      risky: list.fingerprints.filter((f) => f.risky).length,
      withUrl: list.fingerprints.filter((f) => f.url).length,
      skipped: list.skipped.length,
      skippedBy: countReasons(list.skipped)
    }
    console.log(`JSON ${path.basename(checkJson)}:`, stats)
    expect(list.rows).toBe(7942)
    expect(list.fingerprints.length + list.skipped.length).toBe(list.rows)
    expect(list.skipped.length).toBeLessThan(list.rows * 0.04)
    // Its exporter sometimes took the correct term for the tortured one.
    expect(list.fingerprints.find((f) => f.tortured === 'supervised learning')).toMatchObject({risky: true})
    expect(list.fingerprints.find((f) => f.tortured === 'neural network')).toMatchObject({risky: true})
    expect(list.fingerprints.find((f) => f.tortured === 'surface region')).toMatchObject({risky: false, expected: ['surface area']})
    expect(list.fingerprints[0]!.origin).toBe(`${checkJson}:10`)
  })
})

function countReasons(skipped: Array<{reason: string}>): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const {reason} of skipped) {
    // Group by the kind of reason, not the quoted row text.
    const kind = reason.replace(/`[^`]*`/g, '`…`').replace(/`…`(?: in query `…`)?/g, '`…`')
    counts[kind] = (counts[kind] ?? 0) + 1
  }
  return counts
}
