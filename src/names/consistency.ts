/**
 * One spelling per person or place across a document or a corpus: cluster
 * the spellings of surnames and place names, choose one per cluster
 * (registry > romanisation preference > majority), then, within each
 * person, the spelling of the given name. Every other spelling becomes a
 * proposal with a confidence built from the evidence: closeness after
 * folding, length (rarity), given-name agreement, mention support.
 */
import {Blocks, blockingKeys, Clusters, sigmoid} from './blocking.js'
import {compareGiven, compareTokens, foldCached, matchFolded, quickRefusal, rarity, type TokenComparison} from './compare.js'
import type {Dictionary} from './dictionary.js'
import type {Lexicon} from './lexicon.js'
import {packedToken, PACKED, type Mention, type NameToken, type PackedMentions} from './mentions.js'
import {choose, editDistance, type Candidate, type Romanisation, type TieBreak} from './prefer.js'
import type {Registry, RegistryEntry} from './registry.js'
import {splitName} from './registry.js'

export interface Document {
  /** Index of the document (file) in the run. */
  id: number
  mentions: readonly Mention[]
}

/** A document whose mentions the names plugin kept packed (see `packMentions`). */
export interface PackedDocument {
  id: number
  packed: PackedMentions
}

export interface Proposal {
  document: number
  token: NameToken
  rule: 'inconsistent' | 'house-spelling'
  /** Spelling to write instead of `token.spelling`. */
  spelling: string
  confidence: number
  note: string
  url?: string
  data: Record<string, unknown>
}

export interface ConsistencyOptions {
  registry: Registry
  lexicon: Lexicon
  dictionary: Dictionary
  prefer?: Romanisation
  /** Leave out proposals below this confidence (default 0.5: more likely right than wrong). */
  floor?: number
}

interface Spelling {
  spelling: string
  files: Set<number>
  mentions: number
  /** Given names written with this surname: spelling → count. */
  given: Map<string, number>
  /** Registry entry whose canonical head this is. */
  entry?: RegistryEntry
  /** Registry entry listing this spelling as a variant or forbidden form. */
  listed?: {entry: RegistryEntry; forbidden: boolean}
  /** Its mentions, by index in the corpus's `Columns`. */
  occurrences: number[]
}

/**
 * Every mention of a corpus in columns, by index: what clustering reads of
 * each (its document, head and given name's spelling and case) without an
 * object a mention. Packed documents (a corpus pass's) give their shapes,
 * kept once a name; a token is made only for a proposal.
 */
interface Columns {
  /** Document ids, by position in the run; `starts[position]` is the index of its first mention (one more at the end). */
  ids: number[]
  starts: number[]
  /** Per mention, the id of its document. */
  documentId: Int32Array
  head: Array<Pick<NameToken, 'spelling' | 'caps'>>
  given: Array<Pick<NameToken, 'spelling'> | undefined>
  foreign: Uint8Array
  /** The token of a mention's head, or of its given name. */
  token(index: number, given: boolean): NameToken
}

function columnsOf(documents: readonly (Document | PackedDocument)[]): Columns {
  let total = 0
  for (const document of documents) total += 'packed' in document ? document.packed.mentions.length / PACKED : document.mentions.length
  const ids: number[] = []
  const starts: number[] = []
  // Per mention, the position of its document, whose own mentions make its tokens.
  const positionOf = new Int32Array(total)
  const documentId = new Int32Array(total)
  const head: Columns['head'] = new Array(total)
  const given: Columns['given'] = new Array(total)
  const foreign = new Uint8Array(total)
  let at = 0
  documents.forEach((document, position) => {
    ids.push(document.id)
    starts.push(at)
    const count = 'packed' in document ? document.packed.mentions.length / PACKED : document.mentions.length
    positionOf.fill(position, at, at + count)
    documentId.fill(document.id, at, at + count)
    if ('packed' in document) {
      const {mentions, shapes} = document.packed
      for (let base = 0; base < mentions.length; base += PACKED, at++) {
        head[at] = shapes[mentions[base + 4]!]!
        given[at] = mentions[base + 5]! < 0 ? undefined : shapes[mentions[base + 5]!]
        if (mentions[base + 1]! < 0) foreign[at] = 1
      }
    } else {
      for (const mention of document.mentions) {
        head[at] = mention.head
        given[at] = mention.given
        if (mention.foreign) foreign[at] = 1
        at++
      }
    }
  })
  starts.push(at)
  return {
    ids,
    starts,
    documentId,
    head,
    given,
    foreign,
    token(index, wanted) {
      const position = positionOf[index]!
      const document = documents[position]!
      const within = index - starts[position]!
      if ('packed' in document) return packedToken(document.packed, within, wanted)!
      const mention = document.mentions[within]!
      return wanted ? mention.given! : mention.head
    }
  }
}

/** Most a proposal can get when the two spellings come with disagreeing given names. */
const DIFFERENT_PEOPLE = 0.45
/**
 * Most a proposal can get when only the case differs (Gencorp for GenCorp,
 * Natwest for NatWest): which case a company writes its name in is not
 * something a corpus's majority knows. Of such proposals on 6,000 Reuters
 * stories, about six in ten chose the company's own case.
 */
const CASE_ONLY = 0.6
/**
 * Evidence against a proposal whose spelling is in documents that share
 * neither a document nor any other uncommon name with the rest of its
 * cluster: across a corpus of unrelated texts, alike names of different
 * people and places meet by chance (Harman and Herman, Dunmere and
 * Dunmore), and the more names a corpus holds, the more of them. The same
 * name spelled two ways comes with its context (Zelensky and Zelenskyy with
 * Kyiv, Ukraine, Putin). Evidence, not a veto: a long name spelled all but
 * alike (Zelenskiy, in a wire story that names only what every article
 * does) stays likely.
 */
const NO_CONTEXT = 2
/**
 * How crowded a corpus is with names: the more documents, the more names,
 * and the more alike names of different people and companies meet by chance
 * (in 6,000 Reuters stories, Kuehler and Koehler, Hees and Hess, Kang and
 * Kong, Werner and Warner). Nothing up to 200 documents, then one unit of
 * evidence for each tenfold, up to 1.5: a tenfold larger corpus gives about
 * ten times the chance pairs. It adds to the evidence against spellings
 * whose documents name nothing else in common, and counts against every
 * two spellings alike but not the same letters: a third of it
 * (`CROWDED_PAIR`), and the more the shorter the name, the ones that meet
 * by chance: in full for three letters, nothing more from ten (see
 * `rarity`). A long name spelled all but alike stays likely however large
 * the corpus; on the Reuters stories, so do the proposals given 0.9 or more
 * (nineteen in twenty right, where one in two was before).
 */
function crowding(documents: number): number {
  return Math.min(1.5, Math.max(0, Math.log10(documents / 200)))
}
const CROWDED_PAIR = 1 / 3
/**
 * Evidence against a proposal that would replace a spelling the English
 * dictionary knows (Romania) with one it does not (Rumania): the corpus's
 * majority is then not the conventional form, and a person should choose.
 */
const UNCONVENTIONAL = 2
/**
 * Evidence against tying a spelling written once, which the dictionary does
 * not know, to a different one it does (Spann to Spain, Regan to Reagan,
 * Soranno to Serrano): a rarer name near a common one is more often
 * another name than a misspelling of it.
 */
const ONE_OFF_NEAR_KNOWN = 1.5

/**
 * Evidence against tying two short names written two or more letters
 * apart, however alike they fold (Wyss and Wis, Dietz and Dec, Seipp and
 * Sep): in five letters or fewer that is much of the name, and a corpus of
 * many names holds such pairs by chance. Long transliterations differ as
 * much (Tsikhanouskaya, Zichanouskaya) in a small share of their letters.
 */
const WRITTEN_APART = 3
/**
 * Most a proposal can get when the spellings tie in files and mentions and
 * nothing but the alphabet chose between them (Hamermill over Hammermill,
 * Rajastan over Rajasthan, Lyonaise over Lyonnaise): which one is right is
 * then a coin's toss, even where they are one name. Of such proposals on
 * 6,000 Reuters stories, about three in ten chose the right spelling. A tie
 * that the English dictionary, another romanisation's marks, the English
 * romanisation or closeness to the other spellings broke (Zelenskyj and
 * Zelenskyy, Dostoevski and Dostoyevsky) keeps its evidence: the house
 * prefers the spelling an English text prints.
 */
const UNDECIDED_TIE = 0.45

/** Whether a spelling of these counts ties the chosen one, and only the alphabet chose between them. */
function undecidedTie(broken: TieBreak | undefined, files: number, mentions: number, winner: Candidate): boolean {
  return broken === 'alphabet' && ties(files, mentions, winner)
}

/**
 * Evidence against a spelling that a document writes twice or more, and
 * no other spelling of its cluster: its writer spells the name so on
 * purpose, and in a large corpus, crowded with names, it is then more
 * often another name (Farris beside Ferris, Solomon beside Salomon, Revco
 * beside Refco) than a slip made twice; of such proposals on 6,000 Reuters
 * stories about one in six was right. In full from 2,000 documents (see
 * `crowding`), nothing up to 200: in the few articles on one story, a name
 * written one way in each is each newsroom's spelling of it. Never for a
 * given name written with it there that ties it to the chosen spelling's
 * person (George Schultz, George Shultz), the same letters hyphenated,
 * accented or cased otherwise (Viet-Nam), two romanisations (Witebsk,
 * Vitebsk: see `romanisedApart`), or names of nine letters or more
 * (`LONG_NAME`), which have few alike namesakes to be taken for.
 */
const OWN_SPELLING = 2
/** The rarity of a name of nine letters, folded. */
const LONG_NAME = rarity(9)

/** Names this short or shorter are written apart at two letters' difference. */
const SHORT_NAME = 5

function writtenApart(a: string, b: string): boolean {
  if (Math.min(a.length, b.length) > SHORT_NAME) return false
  return editDistance(a.toLowerCase(), b.toLowerCase()) >= 2
}

export function propose(documents: readonly (Document | PackedDocument)[], options: ConsistencyOptions): Proposal[] {
  const floor = options.floor ?? 0.5
  const scope = documents.length > 1 ? 'corpus' : 'document'
  const crowd = crowding(documents.length)
  const columns = columnsOf(documents)
  const spellings = collect(columns, options)
  const items = [...spellings.values()]
  const clusters = new Clusters(items.length)
  const links = new Map<number, number>() // item → strongest z linking it to another item

  // Worked out once a spelling, not once a pair: a spelling with many mentions meets many others.
  const initialisms = items.map((item) => initialism(item, columns))
  const abbreviations: Array<boolean | undefined> = []
  const abbreviated = (index: number) => (abbreviations[index] ??= abbreviation(items[index]!.spelling))
  const persons = items.map(person)
  const innerCapitals = items.map((item) => INNER_CAPITAL.test(item.spelling))
  const lowers = items.map((item) => item.spelling.toLowerCase())
  const folded = items.map((item) => foldCached(item.spelling))
  /** Whether the dictionary knows a spelling, asked at its first pair that gets that far. */
  const known: Array<boolean | undefined> = []
  const knows = (index: number) => (known[index] ??= options.dictionary.knows(items[index]!.spelling))
  /** Two spellings that are not one name, however close the matcher finds them. */
  const apart = (a: number, b: number): boolean => {
    const left = items[a]!
    const right = items[b]!
    // A surname written with a given name is a person's, never a registry place
    // (Antoine du Hamel is not Homiel, Markus Gömmel not Gomel).
    if ((place(left) && persons[b]) || (place(right) && persons[a])) return true
    // Nor is it a word of English never written with a given name (Leon Brittain is not Britain,
    // Henri Germain not German).
    if ((persons[a] && !persons[b] && knows(b)) || (persons[b] && !persons[a] && knows(a))) return true
    // Two letters are no name to spell twice (El, Yel).
    if (Math.min(left.spelling.length, right.spelling.length) < 3) return true
    // The registry lists the short forms it means (Kiev, Lvov); a short word tied to one of
    // its names only by the matcher is more likely something else (Kow, Keyw).
    if (registryEntry(left) && !registryEntry(right) && right.spelling.length < SHORT_FOR_REGISTRY) return true
    if (registryEntry(right) && !registryEntry(left) && left.spelling.length < SHORT_FOR_REGISTRY) return true
    // A capital inside a word is a product's or a project's own spelling (PyPy, PyPI, GitHub):
    // another letter there is another name; only the case may vary (Github for GitHub).
    if ((innerCapitals[a] || innerCapitals[b]) && lowers[a] !== lowers[b]) return true
    // An initialism is one name only as written: BBC and BC, PSA and PISA are
    // different bodies, though folding makes them close.
    if (initialisms[a] || initialisms[b]) return true
    // Nor is an abbreviation, a part of two letters or more without a vowel (Stks and Stcks,
    // Tl-F and Ttl-F in a table's first column): no name is spelled so.
    if ((abbreviated(a) || abbreviated(b)) && letters(left.spelling) !== letters(right.spelling)) return true
    // A compound of the other and another name is not the other spelled twice (EC-Comecon, Comecon).
    // (The Arabic article a romanisation writes or leaves out folds away: Al-Baghdadi is Baghdadi.)
    if (folded[a] !== folded[b] && (compoundOf(items[a]!.spelling, lowers[b]!) || compoundOf(items[b]!.spelling, lowers[a]!))) return true
    // A final s more is a plural or a name of its own (Woolworths and Woolworth, Chevrolets,
    // Williams and William), though its ts folds like the ts of Cyrillic ц; so is -men for -man.
    if (pluralOf(lowers[a]!, lowers[b]!) || pluralOf(lowers[b]!, lowers[a]!)) return true
    // Two spellings the English dictionary knows are two words of their own
    // (Gallic and Gaelic, Esther and Easter, Englishman and Englishmen), not
    // one name spelled twice; a registry still ties such forms (Kiev, Kyiv).
    return knows(a) && knows(b)
  }
  const keys = folded.map((fold) => blockingKeys(fold))
  const blocks = new Blocks(keys, (index) => folded[index]!)
  // Links first. Of the pairs that share a key few can link (on 1,689
  // Reuters stories 154 of 88,000), and most are told apart by the lengths
  // and last letters of their folds alone, before anything costlier. A
  // spelling `apart` keeps from every other (an initialism, two letters)
  // takes no pair here: a third of a large corpus's pairs have one.
  const linkable = (index: number) => !initialisms[index] && items[index]!.spelling.length >= 3
  const pairs = blocks.pairs(linkable)
  const scored: Array<{a: number; b: number; z: number}> = []
  for (let at = 0; at < pairs.length; at += 2) {
    const a = pairs[at]!
    const b = pairs[at + 1]!
    const left = items[a]!
    const right = items[b]!
    if (left.entry && right.entry) continue
    // `compareTokens` of the spellings, their folds already at hand (each pair comes once),
    // before `apart`: measuring stops within a few letters for most pairs, and few match.
    const match = matchFolded(folded[a]!, folded[b]!)
    if (match && !apart(a, b)) scored.push({a, b, z: headEvidence(match, left, right, options.lexicon).z})
  }
  // Registry variants are tied whatever the matcher says.
  const byHead = new Map<RegistryEntry, number>()
  items.forEach((item, index) => {
    if (item.entry) byHead.set(item.entry, index)
  })
  items.forEach((item, index) => {
    const target = item.listed ? byHead.get(item.listed.entry) : undefined
    if (target !== undefined) scored.push({a: index, b: target, z: item.listed!.forbidden ? 6 : 4})
  })
  // Then cannot-links, where the links could join two spellings: a
  // cannot-link is read only when two clusters merge, and spellings no
  // chain of links reaches never do. So only the pairs of spellings some
  // link reaches, all of them (an initialism a registry ties in too).
  const reach = new Clusters(items.length)
  for (const {a, b} of scored) reach.union(a, b)
  const reached = blocks.pairs((index) => reach.size(index) > 1)
  for (let at = 0; at < reached.length; at += 2) {
    const a = reached[at]!
    const b = reached[at + 1]!
    if (reach.find(a) !== reach.find(b)) continue
    const left = items[a]!
    const right = items[b]!
    if (left.entry && right.entry) continue
    if (apart(a, b)) {
      // Forbidden, not just unlinked: a third spelling close to both must not join them
      // (Herrmann is close to German and to Germany). The registry may still tie its own forms.
      if (!registryEntry(left) || registryEntry(left) !== registryEntry(right)) clusters.forbid(a, b)
      continue
    }
    // Only a reason that two names differ is a cannot-link, and each is found without measuring
    // the distance; "not close" is not one.
    const refusal = folded[a] === folded[b] ? undefined : quickRefusal(folded[a]!, folded[b]!)
    if (refusal === 'gender' || refusal === 'extension' || refusal === 'ending') clusters.forbid(a, b)
  }
  scored.sort((x, y) => y.z - x.z || x.a - y.a || x.b - y.b)
  for (const {a, b, z} of scored) {
    if (clusters.union(a, b)) {
      links.set(a, Math.max(links.get(a) ?? -Infinity, z))
      links.set(b, Math.max(links.get(b) ?? -Infinity, z))
    }
  }

  // A registry's forms of one name are one context (Kiev in one document, Kyiv in another);
  // other spellings only as written: two clusters the matcher made could vouch for each other.
  const context =
    scope === 'corpus'
      ? namesByDocument(columns, (spelling) => {
          const entry = spellings.get(spelling)
          const registered = entry && registryEntry(entry)
          return registered ? `#${registered.canonical}` : spelling
        })
      : undefined
  const proposals: Proposal[] = []
  for (const group of clusters.groups()) {
    if (group.length === 1) {
      // Most spellings stand alone, and propose nothing unless they are written, and then only
      // a registry's name or given names written two ways (see `givenProposals`): asked first,
      // without building lists.
      const only = items[group[0]!]!
      if (only.occurrences.length === 0 || (!only.entry && only.given.size < 2)) continue
    }
    const members = group.map((index) => items[index]!)
    const used = members.filter((member) => member.occurrences.length > 0)
    if (used.length === 0) continue
    const entry = members.find((member) => member.entry)?.entry
    if (used.length < 2 && !entry) {
      // One spelling of a surname: its given names may still vary.
      for (const proposal of givenProposals(used, used[0]!.spelling, undefined, options, scope, floor, columns)) proposals.push(proposal)
      continue
    }
    const candidates: Candidate[] = members
      .filter((member) => member.occurrences.length > 0 || member.entry)
      .map((member) => ({spelling: member.spelling, files: member.files.size, mentions: member.mentions, registry: Boolean(member.entry)}))
    const {winner, by, broken} = choose(candidates, {prefer: options.prefer, knows: options.dictionary.knows})
    const canonical = members.find((member) => member.spelling === winner.spelling)!
    const summary = summarise(used)
    /** Whether a member shares a document or an uncommon name with the rest of the cluster (worked out once a cluster). */
    let related: ((member: Spelling) => boolean) | undefined
    for (const member of used) {
      if (member === canonical) continue
      const direct = compareTokens(member.spelling, canonical.spelling)
      let z: number
      let evidence: Record<string, unknown>
      if (member.listed && member.listed.entry === entry) {
        z = member.listed.forbidden ? 6 : 4
        evidence = {listed: member.listed.forbidden ? 'forbidden' : 'variant'}
      } else if (direct.ok) {
        const weighed = headEvidence(direct, member, canonical, options.lexicon)
        z = weighed.z
        evidence = weighed.evidence
      } else {
        // Tied through another spelling only: as strong as its weakest link, and less.
        z = Math.min(links.get(group[members.indexOf(member)]!) ?? 0, links.get(group[members.indexOf(canonical)]!) ?? 0) - 1
        evidence = {transitive: true}
      }
      const people = disagreeingGiven(member, canonical, options.lexicon)
      z += support(by, winner, member, canonical, scope)
      let unrelated = false
      let own = false
      const caseOnly = member.spelling.toLowerCase() === canonical.spelling.toLowerCase()
      // The same letters, only hyphens, marks or the case apart (Viet-Nam, Vietnam; Guaidó, Guaido):
      // one name whoever writes it, never two that meet by chance (asked only of a crowded corpus).
      const sameLetters = caseOnly || (crowd > 0 && letters(member.spelling) === letters(canonical.spelling))
      if (!member.listed) {
        const memberKnown = options.dictionary.knows(member.spelling)
        const canonicalKnown = options.dictionary.knows(canonical.spelling)
        if (memberKnown && !canonicalKnown) z -= UNCONVENTIONAL
        // Transitive members have no cost of their own: their tie is already weaker.
        const cost = typeof evidence.cost === 'number' ? evidence.cost : undefined
        if (!memberKnown && canonicalKnown && member.mentions === 1 && cost !== undefined && cost > 0) z -= ONE_OFF_NEAR_KNOWN
        if (writtenApart(member.spelling, canonical.spelling)) z -= WRITTEN_APART
        if (!entry && context && !(related ??= context.related(members))(member)) {
          unrelated = true
          z -= NO_CONTEXT + crowd
        }
        if (!entry && !sameLetters && direct.ok) z -= crowd * (CROWDED_PAIR + 1 - direct.rarity)
        if (
          crowd > 0 &&
          !entry &&
          !sameLetters &&
          !(direct.ok && direct.rarity >= LONG_NAME) &&
          // Asked only where it can matter: evidence against never lifts a proposal over the floor.
          (people ? sigmoid(z) * DIFFERENT_PEOPLE : sigmoid(z)) >= floor &&
          !romanisedApart(member.spelling, canonical.spelling) &&
          ownSpelling(member, used, canonical, options.lexicon, columns)
        ) {
          own = true
          z -= OWN_SPELLING * Math.min(1, crowd)
        }
      }
      // Two spellings that come with different given names ("Marek Zieliński", "Volodymyr
      // Zelenskyy"; "Jakub Nowak", "Clara Novak") are more likely two people than one name
      // spelled twice, so the proposal is more likely wrong than right: below one half however
      // alike the surnames are, shown only to those who ask for low-confidence findings.
      let confidence = people ? sigmoid(z) * DIFFERENT_PEOPLE : sigmoid(z)
      if (!entry && caseOnly) confidence = Math.min(confidence, CASE_ONLY)
      const undecided = undecidedTie(broken, member.files.size, member.mentions, winner)
      if (undecided) confidence = Math.min(confidence, UNDECIDED_TIE)
      if (confidence < floor) continue
      const rule = entry ? 'house-spelling' : 'inconsistent'
      const chosen = by === 'tie' ? (undecided ? 'a tie: either spelling may be the right one' : 'a tie, broken by the English form') : by === 'preference' ? 'the preferred romanisation' : 'the majority spelling'
      let note = entry ? `House spelling${entry.note ? `: ${entry.note}` : ` (${entry.source})`}` : `Spelled ${summary} in this ${scope}; one spelling per ${scope} (${chosen})`
      if (people) note += `; possibly different people (${people})`
      else if (unrelated) note += '; their documents name nothing else in common'
      if (own) note += `; a document writes ${member.spelling} more than once and no other spelling, maybe another name`
      const detail: Record<string, unknown> = {...evidence}
      if (unrelated) detail.context = 'none'
      if (own) detail.own = true
      if (undecided) detail.tie = broken
      const data = {cluster: canonical.spelling, by: entry ? 'registry' : by, spellings: counts(used), evidence: detail}
      for (const occurrence of member.occurrences) {
        const proposal: Proposal = {document: columns.documentId[occurrence]!, token: columns.token(occurrence, false), rule, spelling: canonical.spelling, confidence, note, data}
        if (entry?.url) proposal.url = entry.url
        proposals.push(proposal)
      }
    }
    // A loop, not push(...): one person can be mentioned more times than a call takes arguments.
    for (const proposal of givenProposals(used, canonical.spelling, entry, options, scope, floor, columns)) proposals.push(proposal)
  }
  return proposals
}

/**
 * Which documents name what (heads and given names), for telling whether a
 * spelling's documents and those of the rest of its cluster have a context
 * in common. Names are keyed by `keyOf`: a registry's forms by their entry,
 * so that Kiev in one document and Kyiv in another are one place.
 */
function namesByDocument(columns: Columns, keyOf: (spelling: string) => string) {
  const namesOf = new Map<number, Set<string>>()
  const documentCount = new Map<string, number>()
  columns.ids.forEach((id, position) => {
    const names = new Set<string>()
    for (let index = columns.starts[position]!; index < columns.starts[position + 1]!; index++) {
      const given = columns.given[index]
      if (given) names.add(keyOf(given.spelling))
      names.add(keyOf(columns.head[index]!.spelling))
    }
    namesOf.set(id, names)
    for (const name of names) documentCount.set(name, (documentCount.get(name) ?? 0) + 1)
  })
  // A name in more than a quarter of the documents (a country, a capital, the
  // corpus's own subject) says little about which two of them belong together.
  const common = Math.max(3, Math.ceil(columns.ids.length / 4))
  const total = columns.ids.length
  return {
    /**
     * For one cluster: whether a member shares a document with the
     * cluster's other members, or more names that are neither common
     * across the corpus nor the cluster itself than chance would give,
     * chance being how often the documents outside the cluster name them.
     * In a large corpus the other members' documents name much of what the
     * corpus names: Schultz's five stories and Shultz's sixty share a few
     * names by chance alone (Baker, Tokyo), as two spellings of one name
     * do not. Linear in the names of the cluster's documents.
     */
    related(cluster: readonly Spelling[]): (member: Spelling) => boolean {
      const own = new Set(cluster.map((member) => keyOf(member.spelling)))
      // Which members each document and each name belong to: one member, or several (-1).
      const documentMember = new Map<number, number>()
      const nameMember = new Map<string, number>()
      const indexOf = new Map(cluster.map((member, index) => [member, index]))
      const note = <K>(map: Map<K, number>, key: K, index: number) => {
        const found = map.get(key)
        if (found === undefined) map.set(key, index)
        else if (found !== index) map.set(key, -1)
      }
      cluster.forEach((member, index) => {
        for (const id of member.files) {
          note(documentMember, id, index)
          for (const name of namesOf.get(id) ?? []) {
            if (!own.has(name) && (documentCount.get(name) ?? 0) <= common) note(nameMember, name, index)
          }
        }
      })
      // How many of the cluster's documents name each name: the rest of the corpus gives its rate by chance.
      const inCluster = new Map<string, number>()
      for (const id of documentMember.keys()) {
        for (const name of namesOf.get(id) ?? []) if (nameMember.has(name)) inCluster.set(name, (inCluster.get(name) ?? 0) + 1)
      }
      const clusterDocuments = documentMember.size
      const outside = total - clusterDocuments
      return (member) => {
        const index = indexOf.get(member)
        const rest = clusterDocuments - member.files.size
        const seen = new Set<string>()
        let shared = 0
        let chance = 0
        for (const id of member.files) {
          if (documentMember.get(id) !== index) return true
          for (const name of namesOf.get(id) ?? []) {
            const owner = nameMember.get(name)
            if (owner === undefined || seen.has(name)) continue
            seen.add(name)
            if (owner !== index) shared++
            // How likely the rest's documents are to name it anyway, as often as the documents outside the cluster do.
            const rate = outside > 0 ? ((documentCount.get(name) ?? 0) - (inCluster.get(name) ?? 0)) / outside : 0
            chance += 1 - (1 - rate) ** rest
          }
        }
        return shared > 0 && shared >= chance + Math.sqrt(chance)
      }
    }
  }
}

/** The registry's listed forms by surname token, split once per registry (not once per file). */
const seeds = new WeakMap<Registry, Array<{last: string; entry: RegistryEntry; forbidden: boolean}>>()

function registrySeed(registry: Registry): Array<{last: string; entry: RegistryEntry; forbidden: boolean}> {
  let found = seeds.get(registry)
  if (found) return found
  found = []
  for (const entry of registry.entries) {
    const head = entry.tokens[entry.tokens.length - 1]!
    for (const [list, forbidden] of [[entry.variants, false], [entry.forbidden, true]] as const) {
      for (const variant of list) {
        const tokens = splitName(variant)
        const last = tokens[tokens.length - 1]
        if (!last || last === head) continue
        found.push({last, entry, forbidden})
      }
    }
  }
  seeds.set(registry, found)
  return found
}

function collect(columns: Columns, options: ConsistencyOptions): Map<string, Spelling> {
  const spellings = new Map<string, Spelling>()
  const get = (spelling: string) => {
    let found = spellings.get(spelling)
    if (!found) {
      found = {spelling, files: new Set(), mentions: 0, given: new Map(), occurrences: []}
      spellings.set(spelling, found)
    }
    return found
  }
  const seed = registrySeed(options.registry)
  for (const entry of options.registry.entries) {
    get(entry.tokens[entry.tokens.length - 1]!).entry = entry
  }
  for (const {last, entry, forbidden} of seed) {
    const item = get(last)
    if (!item.entry) item.listed = {entry, forbidden}
  }
  // A name in capitals ("GENCORP" in a headline) is stored title-cased, a guess at its case:
  // where the corpus writes the name in mixed case (GenCorp), that is its case, not another
  // spelling; where it writes it in several, the case it writes most.
  // Counted by spelling, then by case (each spelling lower-cased once, not once a mention).
  const written = new Map<string, number>()
  for (const head of columns.head) {
    if (head.caps !== 'upper') written.set(head.spelling, (written.get(head.spelling) ?? 0) + 1)
  }
  // Lower case → the form written most and how often; in the order first written, so of forms written as often the first wins.
  const casing = new Map<string, {spelling: string; count: number}>()
  for (const [spelling, count] of written) {
    const lower = spelling.toLowerCase()
    if (count > (casing.get(lower)?.count ?? 0)) casing.set(lower, {spelling, count})
  }
  // What a head spelling says, worked out at its first mention: a name is mentioned many times.
  const heads = new Map<string, {given: boolean; drawnOut: boolean; asWritten?: Spelling; inCapitals?: Spelling}>()
  const headFacts = (spelling: string) => {
    let found = heads.get(spelling)
    if (!found) {
      found = {given: options.lexicon.has(spelling), drawnOut: DRAWN_OUT.test(spelling)}
      heads.set(spelling, found)
    }
    return found
  }
  columns.ids.forEach((id, position) => {
    const first = columns.starts[position]!
    const end = columns.starts[position + 1]!
    // An English given name that a document writes before a surname ("Megan Crowley") names
    // that person when it stands alone there ("Megan said"): not a surname that could be
    // Meehan's. Only names English knows (a headline's "Zelensky Scholz Talks" or "Kiev
    // Oblast" put other names first), and never a registry's.
    const givenHere = new Set<string>()
    for (let index = first; index < end; index++) {
      const given = columns.given[index]?.spelling
      const item = given === undefined ? undefined : spellings.get(given)
      if (given && !(item && registryEntry(item)) && options.dictionary.knows(given)) givenHere.add(given)
    }
    for (let index = first; index < end; index++) {
      const head = columns.head[index]!
      const given = columns.given[index]
      const facts = headFacts(head.spelling)
      // A given name on its own ("Sviatlana said") is not a surname to cluster.
      if (!given && (facts.given || givenHere.has(head.spelling))) continue
      // A letter three times over is a sound drawn out (Hmmm, Arrrgh, Ooohh), not a name spelled.
      if (facts.drawnOut) continue
      // A word of a foreign name (Banco do Brasil, Lyonnaise des Eaux) is spelled as its language
      // spells it: it takes no proposal, and casts no vote for the bare word's spelling.
      if (columns.foreign[index] === 1) continue
      const item =
        head.caps === 'upper'
          ? (facts.inCapitals ??= get(casing.get(head.spelling.toLowerCase())?.spelling ?? head.spelling))
          : (facts.asWritten ??= get(head.spelling))
      item.files.add(id)
      item.mentions++
      if (given) item.given.set(given.spelling, (item.given.get(given.spelling) ?? 0) + 1)
      item.occurrences.push(index)
    }
  })
  return spellings
}

const INNER_CAPITAL = /\p{Ll}\p{Lu}/u
/**
 * A part of the word, two letters or more, without a vowel (Stks, the Tl of
 * Tl-F; Ng is too short to meet anything anyway): an abbreviation.
 */
function abbreviation(spelling: string): boolean {
  return spelling
    .normalize('NFD')
    .split(/['’\-]/u)
    .some((part) => part.length >= 2 && !/[aeiouyøæœ]/iu.test(part))
}

/**
 * The consonants that tell romanisations apart (kh, zh, sh, sch, sz, cz,
 * ch, ts, tz, w, j, and letters with marks): two spellings that differ in
 * them are one name in two romanisations (Witebsk, Vitebsk; Charkiw,
 * Kharkiv), written each its own way by its own newsroom, not two names.
 */
const ROMANISATION_MARKS = /sch|kh|zh|sh|sz|cz|ch|ts|tz|w|j|[^\x00-\x7f]/gu

function romanisedApart(a: string, b: string): boolean {
  const marks = (spelling: string) => (spelling.toLowerCase().match(ROMANISATION_MARKS) ?? []).sort().join(' ')
  return marks(a) !== marks(b)
}

/** The letters of a spelling, without marks, hyphens or apostrophes, in lower case. */
function letters(spelling: string): string {
  return spelling.normalize('NFD').replace(/[^\p{L}]/gu, '').toLowerCase()
}

/** `spelling` is hyphenated and one of its parts is `other` (lower case). */
function compoundOf(spelling: string, other: string): boolean {
  return spelling.length > other.length && spelling.includes('-') && spelling.toLowerCase().split('-').includes(other)
}

/** `longer` is `shorter` with a final s, or `shorter`'s -man as -men (Chinaman, Chinamen; Frenchmen). */
function pluralOf(longer: string, shorter: string): boolean {
  if (longer.length === shorter.length + 1) return longer.endsWith('s') && longer.startsWith(shorter)
  return longer.length === shorter.length && longer.endsWith('men') && shorter.endsWith('man') && longer.slice(0, -3) === shorter.slice(0, -3)
}
const DRAWN_OUT = /(\p{L})\1\1/iu
/** Spellings shorter than this join a registry entry only when it lists them. */
const SHORT_FOR_REGISTRY = 5

/** The registry's entry for this spelling, as its canonical or one of its listed forms. */
function registryEntry(item: Spelling): RegistryEntry | undefined {
  return item.entry ?? item.listed?.entry
}

function place(item: Spelling): boolean {
  return registryEntry(item)?.kind === 'place'
}

function person(item: Spelling): boolean {
  // The given names counted are those of its occurrences.
  return item.given.size > 0
}

/** Written (almost) only in capitals and short: an initialism (BBC, PSA), not a name in a headline's capitals. */
function initialism(item: Spelling, columns: Columns): boolean {
  if (item.spelling.length > 5 || item.occurrences.length === 0) return false
  // Mostly: a manual writes JSON and, now and then, Json.
  let upper = 0
  for (const occurrence of item.occurrences) if (columns.head[occurrence]!.caps === 'upper') upper++
  return upper >= 0.8 * item.occurrences.length
}

function headEvidence(match: Extract<TokenComparison, {ok: true}>, left: Spelling, right: Spelling, lexicon: Lexicon) {
  let given = 0
  let agreement: 'agree' | 'disagree' | 'unknown' = 'unknown'
  const leftGiven = givenOf(left)
  const rightGiven = givenOf(right)
  if (leftGiven.length > 0 && rightGiven.length > 0) {
    const agreeing = leftGiven.some((a) => rightGiven.some((b) => compareGiven(a, b, lexicon).ok))
    agreement = agreeing ? 'agree' : 'disagree'
    given = agreeing ? 1 : -1.5
  }
  const z = -1 + 3 * match.closeness + 1.5 * match.rarity + given
  return {z, evidence: {cost: round(match.cost), rarity: round(match.rarity), given: agreement}}
}

/** Given names seen with a surname spelling, and the registry's. */
function givenOf(item: Spelling): string[] {
  const names = [...item.given.keys()]
  if (item.entry && item.entry.tokens.length > 1 && !names.includes(item.entry.tokens[0]!)) names.push(item.entry.tokens[0]!)
  return names
}

/** Given names that never agree between two spellings of a surname: maybe two people. */
function disagreeingGiven(a: Spelling, b: Spelling, lexicon: Lexicon): string | undefined {
  const left = givenOf(a)
  const right = givenOf(b)
  if (left.length === 0 || right.length === 0) return undefined
  if (left.some((x) => right.some((y) => compareGiven(x, y, lexicon).ok))) return undefined
  return `${left.join(', ')} ${a.spelling}; ${right.join(', ')} ${b.spelling}`
}

/**
 * Whether a document writes this spelling twice or more, no other spelling
 * of its cluster, and no given name that agrees with one the chosen
 * spelling is written with: its writer spells the name so on purpose, and
 * it is more often another name than a slip made twice. A given name that
 * agrees makes it the same person spelled two ways by two writers (George
 * Schultz, George Shultz).
 */
function ownSpelling(member: Spelling, cluster: readonly Spelling[], canonical: Spelling, lexicon: Lexicon, columns: Columns): boolean {
  if (member.mentions < 2) return false
  // Each document's occurrences, grouped once (a spelling can be written in thousands).
  const perDocument = new Map<number, number[]>()
  for (const occurrence of member.occurrences) {
    const list = perDocument.get(columns.documentId[occurrence]!)
    if (list) list.push(occurrence)
    else perDocument.set(columns.documentId[occurrence]!, [occurrence])
  }
  let chosenGiven: string[] | undefined
  for (const [document, occurrences] of perDocument) {
    if (occurrences.length < 2) continue
    if (cluster.some((other) => other !== member && other.files.has(document))) continue
    chosenGiven ??= givenOf(canonical)
    const agrees = occurrences.some((occurrence) => {
      const given = columns.given[occurrence]
      return given !== undefined && chosenGiven!.some((other) => compareGiven(given.spelling, other, lexicon).ok)
    })
    if (!agrees) return true
  }
  return false
}

/**
 * Mention support: how clearly the chosen spelling beats this one. A
 * spelling that shares a document with the chosen one is weighed as within
 * one document (the same writer chose both), whatever the scope.
 */
function support(by: string, winner: Candidate, member: Spelling, canonical: Spelling, scope: string): number {
  if (by === 'registry') return 1
  if (by === 'preference') return 0.3
  if (ties(member.files.size, member.mentions, winner)) return TIE_SUPPORT
  const together = scope === 'document' || [...member.files].some((file) => canonical.files.has(file))
  return majoritySupport((winner.files * 4 + winner.mentions) / (member.files.size * 4 + member.mentions), together ? 'document' : 'corpus')
}

/** Whether a spelling has as many files and mentions as the chosen one: the two tie (a third may not). */
function ties(files: number, mentions: number, winner: Candidate): boolean {
  return files === winner.files && mentions === winner.mentions
}

/** What a tie of files and mentions says for the chosen spelling. */
const TIE_SUPPORT = -0.6

/**
 * What a majority says for the chosen spelling, from the ratio of files
 * (four mentions each) and mentions, up to 1.2. In one document its writer
 * spelled the name the majority's way more often than the other, which is
 * then the slip. Across documents, counts all but equal are as good as a
 * tie, two writers' choices (Reefat in one story, twice, and Refaat in
 * another: either may be the man's own spelling); only from about seven to
 * one does the majority say as much as in one document.
 */
function majoritySupport(ratio: number, scope: string): number {
  if (scope === 'document') return Math.max(TIE_SUPPORT, Math.min(1.2, 0.6 * Math.log(ratio)))
  return Math.min(1.2, TIE_SUPPORT + 0.9 * Math.log(Math.max(1, ratio)))
}

/** Given names within one person: Svyatlana / Sviatlana / Svetlana Tsikhanouskaya. */
function givenProposals(
  members: Spelling[],
  surname: string,
  entry: RegistryEntry | undefined,
  options: ConsistencyOptions,
  scope: string,
  floor: number,
  columns: Columns
): Proposal[] {
  // Most spellings of a large corpus come with one given name or none: asked first, without building lists.
  const registryGiven = entry && entry.tokens.length > 1 ? entry.tokens[0] : undefined
  const written = new Set<string>()
  for (const member of members) for (const given of member.given.keys()) written.add(given)
  if (written.size + (registryGiven === undefined || written.has(registryGiven) ? 0 : 1) < 2) return []
  const occurrences = members.flatMap((member) => member.occurrences.filter((occurrence) => columns.given[occurrence]))
  const stats = new Map<string, {files: Set<number>; mentions: number}>()
  for (const occurrence of occurrences) {
    const spelling = columns.given[occurrence]!.spelling
    const found = stats.get(spelling) ?? {files: new Set<number>(), mentions: 0}
    found.files.add(columns.documentId[occurrence]!)
    found.mentions++
    stats.set(spelling, found)
  }
  const names = [...written]
  if (registryGiven && !written.has(registryGiven)) names.push(registryGiven)
  const listedGiven = new Set(
    entry ? [...entry.variants, ...entry.forbidden].map(splitName).filter((tokens) => tokens.length > 1).map((tokens) => tokens[0]!) : []
  )
  const clusters = new Clusters(names.length)
  const comparisons = new Map<string, Extract<TokenComparison, {ok: true}>>()
  const limit = Math.min(names.length, 200)
  for (let i = 0; i < limit; i++) {
    for (let j = i + 1; j < limit; j++) {
      const match = compareGiven(names[i]!, names[j]!, options.lexicon)
      if (match.ok) comparisons.set(`${i}:${j}`, match)
      else if (match.refusal === 'gender' || match.refusal === 'extension') clusters.forbid(i, j)
    }
  }
  if (registryGiven) {
    const pinned = names.indexOf(registryGiven)
    names.forEach((name, index) => {
      if (listedGiven.has(name)) comparisons.set(index < pinned ? `${index}:${pinned}` : `${pinned}:${index}`, {ok: true, cost: 0, closeness: 1, rarity: 1})
    })
  }
  const ordered = [...comparisons.entries()].sort((x, y) => y[1].closeness - x[1].closeness || (x[0] < y[0] ? -1 : 1))
  for (const [key] of ordered) {
    const [i, j] = key.split(':').map(Number) as [number, number]
    clusters.union(i, j)
  }
  const proposals: Proposal[] = []
  for (const group of clusters.groups()) {
    if (group.length < 2) continue
    const candidates: Candidate[] = group.map((index) => {
      const name = names[index]!
      const found = stats.get(name)
      return {spelling: name, files: found?.files.size ?? 0, mentions: found?.mentions ?? 0, registry: name === registryGiven}
    })
    const {winner, by, broken} = choose(candidates, {prefer: options.prefer, knows: options.dictionary.knows})
    const shown = candidates.filter((candidate) => candidate.mentions > 0).map((candidate) => `${candidate.spelling} ×${candidate.mentions}`).join(', ')
    for (const candidate of candidates) {
      if (candidate.spelling === winner.spelling || candidate.mentions === 0) continue
      const match = compareGiven(candidate.spelling, winner.spelling, options.lexicon)
      const listed = listedGiven.has(candidate.spelling) && Boolean(registryGiven)
      let z = listed ? 4 : match.ok ? -0.5 + 3 * match.closeness + 1.2 * match.rarity : 0
      // The surname ties these given names to one person; more so when the surname is long.
      z += by === 'registry' ? 1 : by === 'tie' && ties(candidate.files, candidate.mentions, winner) ? TIE_SUPPORT : majoritySupport((winner.files * 4 + winner.mentions) / (candidate.files * 4 + candidate.mentions), scope)
      // A tie only the alphabet broke: either may be the right one (Hoffmann-La or Hoffman-La Roche).
      const undecided = undecidedTie(broken, candidate.files, candidate.mentions, winner)
      const confidence = undecided ? Math.min(sigmoid(z), UNDECIDED_TIE) : sigmoid(z)
      if (confidence < floor) continue
      const note = entry
        ? `House spelling: ${entry.canonical}${entry.note ? `. ${entry.note}` : ''}`
        : `${surname}'s given name is written ${shown} in this ${scope}${match.ok && match.lexicon ? ' (forms of one name in different languages)' : ''}${undecided ? '; a tie: either may be the right one' : ''}`
      for (const occurrence of occurrences) {
        if (columns.given[occurrence]!.spelling !== candidate.spelling) continue
        proposals.push({
          document: columns.documentId[occurrence]!,
          token: columns.token(occurrence, true),
          rule: entry ? 'house-spelling' : 'inconsistent',
          spelling: winner.spelling,
          confidence,
          note,
          ...(entry?.url ? {url: entry.url} : {}),
          data: {cluster: `${winner.spelling} ${surname}`, by, lexicon: Boolean(match.ok && match.lexicon)}
        })
      }
    }
  }
  return proposals
}

function summarise(members: Spelling[]): string {
  return [...members]
    .sort((a, b) => b.mentions - a.mentions || (a.spelling < b.spelling ? -1 : 1))
    .map((member) => `${member.spelling} ×${member.mentions}`)
    .join(', ')
}

function counts(members: Spelling[]): Record<string, number> {
  return Object.fromEntries(members.map((member) => [member.spelling, member.mentions]))
}

function round(value: number): number {
  return Math.round(value * 100) / 100
}
