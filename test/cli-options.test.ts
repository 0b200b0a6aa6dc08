/**
 * Options a user relies on in CI and pipelines, end to end through the CLI.
 */
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {tempDir, unspin} from './helpers/cli.js'

// Two findings: `{hardware}` (0.92) and `{big|large|huge}` (0.97), both warnings.
const SPUN = 'Today is fine. We met {hardware} dealers and {big|large|huge} crowds in the street.\n'

describe('--fail-on', () => {
  it('fails only on findings at or above a confidence or severity', () => {
    const code = (...args: string[]) => unspin(['check', ...args], {input: SPUN}).code
    expect(code()).toBe(1)
    expect(code('--fail-on', '0.9')).toBe(1)
    expect(code('--fail-on', '0.98')).toBe(0)
    expect(code('--fail-on', 'warning')).toBe(1)
    expect(code('--fail-on', 'error')).toBe(0)
    expect(code('--fail-on', 'sometimes')).toBe(2)
  })
})

describe('--fingerprints', () => {
  const dir = tempDir()
  fs.writeFileSync(
    path.join(dir, 'list.csv'),
    [
      'tortured_phrase,expected_phrase,num_papers',
      '"""lustrous features"" NOT specular",salient features,12',
      '"""quaint sprocket"" AND ""gearbox""",toothed gear,310',
      '"""colossal information""",big data,"1,204"'
    ].join('\n') + '\n'
  )
  const found = (text: string) => {
    const run = unspin(['check', '--only', 'spin', '--min-confidence', '0.05', '--format', 'json', '--fingerprints', 'list.csv'], {cwd: dir, input: text})
    expect(run.stderr).toBe('')
    return JSON.parse(run.stdout).files[0].messages.map((m: {actual: string; expected: string[]}) => `${m.actual} -> ${m.expected[0]}`)
  }

  it('matches plain rows', () => {
    expect(found('We stored colossal information on the new servers.')).toEqual(['colossal information -> big data'])
  })

  it('honours NOT: a document with the excluded phrase does not match', () => {
    expect(found('The lustrous features of the image were extracted first.')).toEqual(['lustrous features -> salient features'])
    expect(found('The lustrous features of the specular surface were extracted first.')).toEqual([])
  })

  it('honours AND: the document must also contain the required phrase', () => {
    expect(found('Each quaint sprocket was measured twice.')).toEqual([])
    expect(found('Each quaint sprocket of the gearbox was measured twice.')).toEqual(['quaint sprocket -> toothed gear'])
  })

  it('reads a list through the rule cache, and an edited list again', () => {
    const here = tempDir()
    const cache = tempDir()
    const list = path.join(here, 'cached.csv')
    const row = (expected: string) => `tortured_phrase,expected_phrase\n"""colossal information""",${expected}\n`
    fs.writeFileSync(list, row('big data'))
    const proposed = (input = 'We stored colossal information on it.') => {
      const run = unspin(['check', '--only', 'spin', '--min-confidence', '0.05', '--format', 'json', '--fingerprints', list], {input, env: {UNSPIN_CACHE_DIR: cache}})
      expect(run.stderr).toBe('')
      return JSON.parse(run.stdout).files[0].messages.map((m: {expected: string[]}) => m.expected[0])
    }
    expect(proposed()).toEqual(['big data'])
    // The entry the first run left is what the second one reads: altered, it shows.
    const entry = fs
      .readdirSync(cache)
      .map((name) => path.join(cache, name))
      .find((file) => file.endsWith('.json') && fs.readFileSync(file, 'utf8').includes('colossal information'))
    expect(entry).toBeDefined()
    fs.writeFileSync(entry!, fs.readFileSync(entry!, 'utf8').replace('big data', 'cached data'))
    expect(proposed()).toEqual(['cached data'])
    // The rows' token shapes come from the entry too.
    fs.writeFileSync(entry!, fs.readFileSync(entry!, 'utf8').replace('"keys":["colossal","information"]', '"keys":["colossal","info"]'))
    expect(proposed('We stored colossal info on it.')).toEqual(['cached data'])
    // An edited list is read again.
    fs.writeFileSync(list, row('huge data'))
    fs.utimesSync(list, new Date(), new Date(Date.now() + 5000))
    expect(proposed()).toEqual(['huge data'])
  })

  it('reports a broken list as one line with exit 2', () => {
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"phrases": [\n')
    const run = unspin(['check', '--fingerprints', 'broken.json'], {cwd: dir, input: 'x'})
    expect(run.code).toBe(2)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^unspin: broken\.json(:\d+)?: /)
  })
})

describe('ignores', () => {
  it('skips what inline comments and .unspinignore exclude', () => {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'vendor'))
    fs.writeFileSync(path.join(dir, 'vendor/a.md'), SPUN)
    fs.writeFileSync(path.join(dir, '.unspinignore'), 'vendor/\n')
    fs.writeFileSync(
      path.join(dir, 'b.md'),
      `# Notes\n\n<!-- unspin-disable spintax -->\n${SPUN}<!-- unspin-enable spintax -->\n\n<!-- unspin-ignore-next-line -->\n${SPUN}\n${SPUN}`
    )
    const report = JSON.parse(unspin(['check', '--format', 'json', '.'], {cwd: dir}).stdout)
    expect(report.files.map((file: {path: string}) => file.path)).toEqual(['b.md'])
    const lines = report.files[0].messages.map((m: {line: number}) => m.line)
    expect([...new Set(lines)]).toEqual([10])
  })
})
