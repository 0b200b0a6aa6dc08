/**
 * `unspin names cluster [FILE]` and `unspin names extract PATH ...`: the
 * names engine as corpus tools. Both print JSON on stdout.
 */
import {Option, type Command} from 'commander'
import {InputError, decodeText, readTextFile} from '../core/io.js'
import {UsageError} from '../engine/index.js'
import {loadConfig} from '../engine/config.js'
import {expandInputs} from '../engine/inputs.js'
import {parse} from '../parse/index.js'
import {englishDictionary} from '../names/dictionary.js'
import {loadLexicon} from '../names/lexicon.js'
import {clusterNames} from '../names/list.js'
import {extractMentions} from '../names/mentions.js'
import {isRomanisation, ROMANISATIONS, type Romanisation} from '../names/prefer.js'
import {emptyRegistry, loadRegistry, type Registry} from '../names/registry.js'
import type {Io} from './shared.js'

interface ClusterOptions {
  names?: string
  registry?: boolean
  prefer?: string
  singletons?: boolean
  config?: string
}

interface ExtractOptions {
  min?: number
}

export function registerNames(program: Command, io: Io, run: (code: number) => void): void {
  const names = program.command('names').description('cluster name variants and list name mentions (JSON)')
  names
    .command('cluster')
    .argument('[file]', 'one name per line (default: stdin)')
    .description('group spellings of one person or place: {"clusters": [{"canonical", "variants", "confidence"}]}')
    .option('--names <file>', 'house registry (default: rules/names.yml, or `names:` in the config)')
    .addOption(new Option('--no-registry', 'ignore the house registry'))
    .option('--prefer <system>', `romanisation to prefer over the majority: ${ROMANISATIONS.join('|')}`)
    .option('--singletons', 'also list names with one spelling')
    .option('--config <file>', 'configuration file')
    .action(async (file: string | undefined, options: ClusterOptions) => run(await cluster(file, options, io)))
  names
    .command('extract')
    .argument('<paths...>', 'files, directories or globs')
    .description('every name mention with its count per file: {"names": [{"name", "count", "files": {PATH: N}}]}')
    .option('--min <n>', 'only names mentioned at least this often in total (default: 1)', (value) => {
      const number = Number(value)
      if (!Number.isInteger(number) || number < 1) throw new UsageError(`--min: expected a whole number from 1, not \`${value}\``)
      return number
    })
    .action(async (paths: string[], options: ExtractOptions) => run(await extract(paths, options, io)))
}

export async function cluster(file: string | undefined, options: ClusterOptions, io: Io): Promise<number> {
  const prefer = romanisation(options.prefer)
  const registry = registryFrom(options, io)
  let text: string
  if (file) {
    text = (await readTextFile(file)).text
  } else {
    if (io.stdinIsTty) throw new UsageError('no input: give a FILE or pipe names on stdin, one per line')
    const bytes = await io.readStdin()
    text = bytes.length === 0 ? '' : decodeText('<stdin>', bytes).text
  }
  const clusters = clusterNames(text.split(/\r?\n/), {
    lexicon: loadLexicon(),
    dictionary: englishDictionary(),
    registry,
    ...(prefer ? {prefer} : {}),
    singletons: options.singletons === true
  })
  io.stdout(JSON.stringify({clusters}, null, 2) + '\n')
  return 0
}

export async function extract(paths: string[], options: ExtractOptions, io: Io): Promise<number> {
  const expanded = await expandInputs(paths, io.cwd)
  const errors: InputError[] = [...expanded.errors]
  const dictionary = englishDictionary()
  const totals = new Map<string, {count: number; files: Record<string, number>}>()
  // Read a few files at a time: enough to hide I/O latency, few enough for file handle limits.
  const queue = [...expanded.files]
  const worker = async () => {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      let text: string
      try {
        text = (await readTextFile(path)).text
      } catch (error) {
        if (error instanceof InputError) {
          errors.push(error)
          continue
        }
        throw error
      }
      for (const mention of extractMentions(parse(text), dictionary)) {
        const name = mention.tokens.map((token) => token.spelling).join(' ')
        const found = totals.get(name) ?? {count: 0, files: {}}
        found.count++
        found.files[path] = (found.files[path] ?? 0) + 1
        totals.set(name, found)
      }
    }
  }
  await Promise.all(Array.from({length: 8}, worker))
  const min = options.min ?? 1
  const list = [...totals.entries()]
    .filter(([, value]) => value.count >= min)
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .map(([name, value]) => ({name, count: value.count, files: sortKeys(value.files)}))
  io.stdout(JSON.stringify({files: expanded.files.length - errors.filter((error) => expanded.files.includes(error.path)).length, names: list}, null, 2) + '\n')
  for (const error of errors) io.stderr(`unspin: ${error.toString()}\n`)
  return errors.length > 0 ? 2 : 0
}

function romanisation(value: string | undefined): Romanisation | undefined {
  if (value === undefined) return undefined
  if (!isRomanisation(value)) throw new UsageError(`--prefer: unknown romanisation \`${value}\` (expected one of ${ROMANISATIONS.join(', ')})`)
  return value
}

function registryFrom(options: ClusterOptions, io: Io): Registry {
  if (options.registry === false) return emptyRegistry()
  if (options.names) return loadRegistry(options.names)
  const config = loadConfig(options.config, io.cwd)
  return loadRegistry(config.names)
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort((a, b) => (a[0] < b[0] ? -1 : 1)))
}
