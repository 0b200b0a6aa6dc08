/**
 * `names`: one spelling per person and place. Flags the minority spellings
 * of a name in a file (`names/inconsistent`: Zichanouskaya where the file
 * says Tsikhanouskaya) and spellings the house registry forbids
 * (`names/house-spelling`: Kiev for Kyiv). Used with `namesCorpusPass`,
 * the clustering runs over the whole corpus instead of file by file (and
 * plugins given the same options object leave all proposing to the pass:
 * call its `finish` after the run, even for one file).
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import {report, reason} from '../core/report.js'
import type {CorpusPass, UnspinFileData} from '../core/types.js'
import {propose, type Document, type PackedDocument, type Proposal} from '../names/consistency.js'
import {englishDictionary, type Dictionary} from '../names/dictionary.js'
import {loadLexicon, type Lexicon} from '../names/lexicon.js'
import {extractMentions, matchCase, packMentions, unpackMentions, type NameToken, type PackedMentions} from '../names/mentions.js'
import type {Romanisation} from '../names/prefer.js'
import {emptyRegistry, loadRegistry, type Registry} from '../names/registry.js'

export interface NamesOptions {
  /**
   * House registry: a loaded registry, a file path, or `false` for none
   * (default: `rules/names.yml`).
   */
  registry?: Registry | string | false
  /** Preferred romanisation when the registry says nothing (default: the majority spelling). */
  prefer?: Romanisation
  /** Given-name lexicon: loaded or a file path (default: `rules/given-names.yml`). */
  lexicon?: Lexicon | string
  /** Dictionary that tells names from words (default: dictionary-en, as nspell expands it). */
  dictionary?: Dictionary
  /** Proposals below this confidence are not reported (default: 0.5). */
  floor?: number
}

interface Resolved {
  registry: Registry
  lexicon: Lexicon
  dictionary: Dictionary
  prefer?: Romanisation
  floor: number
}

const KEY = 'namesMentions'

function resolve(options: NamesOptions): Resolved {
  const registry =
    options.registry === false ? emptyRegistry() : typeof options.registry === 'object' ? options.registry : loadRegistry(options.registry)
  const lexicon = typeof options.lexicon === 'object' ? options.lexicon : loadLexicon(options.lexicon)
  const resolved: Resolved = {registry, lexicon, dictionary: options.dictionary ?? englishDictionary(), floor: options.floor ?? 0.5}
  if (options.prefer) resolved.prefer = options.prefer
  return resolved
}

/**
 * Options objects a corpus pass was made with: the pass replaces every
 * per-file `names` message with the corpus-wide ones (or, for a single
 * file, proposes for it), so the plugin only collects the mentions.
 */
const deferred = new WeakSet<NamesOptions>()

export default function unspinNames(options: NamesOptions = {}) {
  const settings = resolve(options)
  return function (tree: Root, file: VFile) {
    const mentions = extractMentions(tree, settings.dictionary)
    ;(file.data as UnspinFileData)[KEY] = packMentions(mentions, settings.dictionary)
    if (!deferred.has(options)) emit(() => file, propose([{id: 0, mentions}], settings))
  }
}

/**
 * Corpus-wide names: after the chain ran on every file, cluster the
 * mentions of all files together and replace each file's `names` messages
 * with the corpus-wide ones (one spelling for the whole corpus).
 */
export function namesCorpusPass(options: NamesOptions = {}): CorpusPass {
  let settings: Resolved | undefined
  // Plugins made with these options leave the proposing to `finish`.
  deferred.add(options)
  return {
    finish(files) {
      // One document per path: the engine checks a very large file in parts,
      // and the parts of one file are one document, not a corpus.
      const byPath = new Map<string, number>()
      // Each document's files (one, but for a large file checked in parts) and their mentions.
      const parts: Array<Array<{file: VFile; packed: PackedMentions}>> = []
      for (const file of files) {
        const packed = (file.data as UnspinFileData)[KEY] as PackedMentions | undefined
        if (!packed) continue
        const path = file.path ?? ''
        let id = byPath.get(path)
        if (id === undefined) {
          id = parts.length
          byPath.set(path, id)
          parts.push([])
        }
        parts[id]!.push({file, packed})
      }
      if (parts.length === 0) return
      settings ??= resolve(options)
      // Most documents are one file, read as they were packed. A document in parts is
      // unpacked: its tokens say which part each was found in (offsets are the part's own).
      const partOf = new Map<NameToken, VFile>()
      const documents = parts.map((each, id): Document | PackedDocument => {
        if (each.length === 1) return {id, packed: each[0]!.packed}
        const mentions = each.flatMap(({file, packed}) => {
          const unpacked = unpackMentions(packed)
          for (const mention of unpacked) for (const token of mention.tokens) partOf.set(token, file)
          return unpacked
        })
        return {id, mentions}
      })
      for (const file of files) {
        file.messages = file.messages.filter((message) => (message as {family?: string}).family !== 'names')
      }
      const fileOf = (proposal: Proposal) => {
        const each = parts[proposal.document]!
        return each.length === 1 ? each[0]!.file : partOf.get(proposal.token)!
      }
      emit(fileOf, propose(documents, settings))
    }
  }
}

/** Report proposals on the file (or part of one) each was found in. */
function emit(fileOf: (proposal: Proposal) => VFile, proposals: Proposal[]) {
  // Messages in text order, whatever order the clusters came in.
  const ordered = [...proposals].sort((a, b) => a.document - b.document || a.token.start - b.token.start)
  for (const proposal of ordered) {
    const file = fileOf(proposal)
    const token = proposal.token
    const expected = matchCase(proposal.spelling, token) + token.suffix
    // In capitals the house spelling may read as the text already does (OPENSSL for OpenSSL).
    if (expected === token.text) continue
    const finding = {
      family: 'names' as const,
      rule: proposal.rule,
      start: token.start,
      end: token.end,
      actual: token.text,
      expected: [expected],
      confidence: proposal.confidence,
      reason: reason(token.text, [expected]),
      note: proposal.note,
      data: proposal.data,
      ...(proposal.url ? {url: proposal.url} : {})
    }
    report(file, finding)
  }
}
