import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {cached} from '../src/rules/cache.js'
import {parseYaml, readYamlFile} from '../src/rules/yaml.js'

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['lists'],
  properties: {lists: {type: 'array', items: {type: 'object', properties: {id: {type: 'string'}, lines: {type: 'array', items: {type: 'string'}}}}}}
}

const TEXT = 'lists:\n  - id: first\n    lines:\n      - one\n      - two\n  - id: second\n    lines: [three]\n'

describe('readYamlFile', () => {
  it('answers from its cache with the same data and lines as a fresh parse', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-yaml-'))
    const file = path.join(dir, 'lists.yml')
    fs.writeFileSync(file, TEXT)
    const fresh = parseYaml<{lists: unknown[]}>(TEXT, file, schema)
    // The first read fills the cache, the second is served from it.
    for (let round = 0; round < 2; round++) {
      const loaded = readYamlFile<{lists: unknown[]}>(file, schema)
      expect(loaded.data).toEqual(fresh.data)
      for (const at of [['lists', 0], ['lists', 0, 'lines', 1], ['lists', 1, 'lines'], ['lists', 1, 'nope'], []]) {
        expect(loaded.lineOf(at)).toBe(fresh.lineOf(at))
      }
    }
    expect(readYamlFile(file, schema).lineOf(['lists', 1])).toBe(6)
  })

  it('reads an edited file again, and reports it broken even after a good read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-yaml-'))
    const file = path.join(dir, 'lists.yml')
    fs.writeFileSync(file, TEXT)
    expect(readYamlFile<{lists: Array<{id: string}>}>(file, schema).data.lists[1]!.id).toBe('second')
    fs.writeFileSync(file, TEXT.replace('second', 'changed'))
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000))
    expect(readYamlFile<{lists: Array<{id: string}>}>(file, schema).data.lists[1]!.id).toBe('changed')
    fs.writeFileSync(file, 'lists:\n  - id: 3\n')
    fs.utimesSync(file, new Date(), new Date(Date.now() + 10000))
    let problem = 'no error'
    try {
      readYamlFile(file, schema)
    } catch (error) {
      problem = String(error)
    }
    expect(problem).toMatch(/lists\.yml:2: `lists\.0\.id` must be string/)
  })

  it('reads a same-size edit again even when the modification time is put back (cp -p, rsync -t)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-yaml-'))
    const file = path.join(dir, 'lists.yml')
    fs.writeFileSync(file, TEXT)
    const {mtime} = fs.statSync(file)
    expect(readYamlFile<{lists: Array<{id: string}>}>(file, schema).data.lists[0]!.id).toBe('first')
    fs.writeFileSync(file, TEXT.replace('first', 'FIRST'))
    fs.utimesSync(file, mtime, mtime)
    expect(readYamlFile<{lists: Array<{id: string}>}>(file, schema).data.lists[0]!.id).toBe('FIRST')
  })
})

describe('the rule file cache', () => {
  it('keeps a bounded number of entries for users\' files, the most recently used, and every entry of the catalogue', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-cache-'))
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-prune-'))
    const before = process.env.UNSPIN_CACHE_DIR
    process.env.UNSPIN_CACHE_DIR = folder
    try {
      const fail = () => {
        throw new Error('loaded again')
      }
      // An entry of a file a user keeps using, written long ago, read again: marked as used.
      const kept = path.join(dir, 'house-rules.yml')
      fs.writeFileSync(kept, 'n: kept\n')
      expect(cached(kept, () => ({n: 'kept'}), 'prune-test')).toEqual({n: 'kept'})
      const [entry] = fs.readdirSync(folder)
      const longAgo = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000)
      fs.utimesSync(path.join(folder, entry!), longAgo, longAgo)
      expect(cached(kept, fail, 'prune-test')).toEqual({n: 'kept'})
      expect(fs.statSync(path.join(folder, entry!)).mtimeMs).toBeGreaterThan(longAgo.getTime() + 1000)
      // The package's own catalogue is kept apart, out of pruning's reach.
      const own = fileURLToPath(new URL('../rules/mt.yml', import.meta.url))
      expect(cached(own, () => ({n: 'own'}), 'prune-test')).toEqual({n: 'own'})
      // More files than the cache keeps, each loaded once.
      let last = ''
      for (let index = 0; index < 600; index++) {
        last = path.join(dir, `rules-${index}.yml`)
        fs.writeFileSync(last, `n: ${index}\n`)
        expect(cached(last, () => ({n: index}), 'prune-test')).toEqual({n: index})
      }
      expect(fs.readdirSync(folder).filter((name) => name.endsWith('.json')).length).toBeLessThanOrEqual(512)
      // The newest entry and the catalogue's survived, and answer without loading.
      expect(cached(last, fail, 'prune-test')).toEqual({n: 599})
      expect(cached(own, fail, 'prune-test')).toEqual({n: 'own'})
      // The oldest did not.
      expect(cached(path.join(dir, 'rules-0.yml'), () => ({n: 'again'}), 'prune-test')).toEqual({n: 'again'})
    } finally {
      if (before === undefined) delete process.env.UNSPIN_CACHE_DIR
      else process.env.UNSPIN_CACHE_DIR = before
      fs.rmSync(dir, {recursive: true, force: true})
      fs.rmSync(folder, {recursive: true, force: true})
    }
  })
})
