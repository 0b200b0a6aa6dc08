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
import {propose, type Proposal} from '../names/consistency.js'
import {englishDictionary, type Dictionary} from '../names/dictionary.js'
import {loadLexicon, type Lexicon} from '../names/lexicon.js'
import {extractMentions, matchCase, packMentions, unpackMentions, type Mention, type NameToken, type PackedMentions} from '../names/mentions.js'
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
    ;(file.data as UnspinFileData)[KEY] = packMentions(mentions, String(file.value))
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
      const documents: Array<{id: number; mentions: Mention[]}> = []
      // Each document's files: one, but for a large file checked in parts.
      const filesOf: VFile[][] = []
      const unpacked: Array<{file: VFile; id: number; mentions: Mention[]}> = []
      for (const file of files) {
        const packed = (file.data as UnspinFileData)[KEY] as PackedMentions | undefined
        if (!packed) continue
        settings ??= resolve(options)
        const mentions = unpackMentions(packed, String(file.value), settings.dictionary)
        const path = file.path ?? ''
        let id = byPath.get(path)
        if (id === undefined) {
          id = documents.length
          byPath.set(path, id)
          // Most documents are one file: their mentions as they are, copied only when a second part comes.
          documents.push({id, mentions})
          filesOf.push([file])
        } else {
          // A document in parts: a list of its own, copied from the first part's once.
          const own = filesOf[id]!.length === 1 ? documents[id]!.mentions.slice() : documents[id]!.mentions
          for (const mention of mentions) own.push(mention)
          documents[id]!.mentions = own
          filesOf[id]!.push(file)
        }
        unpacked.push({file, id, mentions})
      }
      if (documents.length === 0 || !settings) return
      // Which part a token of a document in parts was found in (offsets are the part's own).
      const partOf = new Map<NameToken, VFile>()
      for (const {file, id, mentions} of unpacked) {
        if (filesOf[id]!.length === 1) continue
        for (const mention of mentions) {
          for (const token of mention.tokens) partOf.set(token, file)
          if (mention.given) partOf.set(mention.given, file)
          partOf.set(mention.head, file)
        }
      }
      for (const file of files) {
        file.messages = file.messages.filter((message) => (message as {family?: string}).family !== 'names')
      }
      const fileOf = (proposal: Proposal) => {
        const parts = filesOf[proposal.document]!
        return parts.length === 1 ? parts[0]! : partOf.get(proposal.token)!
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
