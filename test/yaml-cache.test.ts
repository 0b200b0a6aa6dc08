import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {fileURLToPath} from 'node:url'
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
  it('keeps a bounded number of entries: the most recently written', () => {
    const folder = fileURLToPath(new URL('../node_modules/.cache/unspin/', import.meta.url))
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-prune-'))
    // More files than the cache keeps, each loaded once.
    let last = ''
    for (let index = 0; index < 600; index++) {
      last = path.join(dir, `rules-${index}.yml`)
      fs.writeFileSync(last, `n: ${index}\n`)
      expect(cached(last, () => ({n: index}), 'prune-test')).toEqual({n: index})
    }
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.json')).length).toBeLessThanOrEqual(512)
    // The newest entry survived and answers without loading.
    expect(cached(last, () => ({n: -1}), 'prune-test')).toEqual({n: 599})
    fs.rmSync(dir, {recursive: true, force: true})
  })
})
