/**
 * One pass over a sentence's tokens finds every phrase rule that matches.
 * Rules are bucketed by their first word (as nlcst-search does), so the cost
 * per token is one map lookup however large the catalogue.
 */
import {parse} from '../parse/index.js'
import {lowerBound} from '../core/search.js'
import {hashKey, isCapitalised, normalize, sentenceTokens, sentences, type Token} from '../core/tokens.js'
import type {Classes} from './classes.js'
import {ConfigError} from './yaml.js'
import {EVIDENCE} from '../core/types.js'
import type {Condition, Context, Evidence, PhraseRule} from './phrases.js'

export interface Candidate {
  rule: PhraseRule
  start: number
  end: number
  actual: string
  expected: string[]
  confidence: number
  evidence: Evidence
  /** The sentence it was found in, for a rule that locates its own match (`PhraseRule.locate`). */
  tokens?: readonly Token[]
}

interface ItemList {
  words: Set<string>
  classes: Array<Set<string>>
  start: boolean
  end: boolean
  cap: boolean
  num: boolean
  /**
   * Clitics (`'s`, `n't`, `'re`, `'ll`, ...): a word ending in one ("the goalkeeper's own
   * objective", "didn't", "they're"), which the tokenizer keeps whole.
   */
  clitics: string[]
  /** Items of several words ("by the time", "coronary heart"), as token keys. */
  phrases: string[][]
}

interface Bucket {
  /** The first word of the bucket's phrases. */
  key: string
  /** One-word phrases. */
  single: Compiled[]
  /**
   * One-word triggers of rules that locate their own match (proximity
   * queries): tried at every token they start, whatever else matches
   * there, and settled against other matches only once located.
   */
  locating: Compiled[]
  /** Longer phrases by the hash of their second word, longest first (compiled when a text first has the pair; misses are not kept). */
  next: Map<number, Compiled[]>
  /** Where its longer phrases are in `order`: `[longerFrom, longerTo)`. */
  longerFrom: number
  longerTo: number
  /** Another first word with the same hash. */
  collision: Bucket | undefined
}

/** A condition with its word lists as sets, built once when a form is first compiled (every field present, as for `Compiled`). */
interface CompiledCondition {
  before: ItemList | undefined
  after: ItemList | undefined
  notBefore: ItemList | undefined
  notAfter: ItemList | undefined
  near: ItemList | undefined
  notNear: ItemList | undefined
  window: number
  confidence: number | undefined
  evidence: Evidence | undefined
}

/**
 * A rule as the matcher runs it. Every one has the same fields, in the same
 * order, whatever the rule file left out: rules come in many shapes (from
 * YAML, the cache, fingerprint lists), and reading their fields at every
 * match would see all of them.
 */
interface Compiled extends PhraseShape {
  rule: PhraseRule
  when: CompiledCondition | undefined
  contexts: CompiledCondition[]
  confidence: number
  evidence: Evidence
  /** Made from a term's swapped words (see `yields`). */
  generated: boolean
}

const DEFAULT_WINDOW = 6
const FILTER_SIZE = 1 << 16
const FILTER_MASK = FILTER_SIZE - 1

/**
 * The pair filter's bits: 2^19, 64 kB, as many bytes as a byte a slot of
 * 2^16 took, but eight times the slots. The catalogue's 9,000-odd pairs of
 * first words left one slot in seven set, and every pair of words of a
 * text that falls on a set slot costs map lookups and a binary search; one
 * bit in fifty now.
 */
const PAIR_BITS = 19

/** A filter bit for a pair of word hashes: the high bits of a multiplicative mix of both. */
function pairSlot(first: number, second: number): number {
  return Math.imul(first ^ Math.imul(second, 0x85ebca6b), 0x9e3779b1) >>> (32 - PAIR_BITS)
}

function hasBit(bits: Uint32Array, slot: number): boolean {
  return (bits[slot >>> 5]! & (1 << (slot & 31))) !== 0
}

function setBit(bits: Uint32Array, slot: number): void {
  bits[slot >>> 5]! |= 1 << (slot & 31)
}
const OPENERS = /^[“‘"'(\[«—–-]$/u

export class PhraseMatcher {
  readonly size: number
  /**
   * Phrases by first word, then by second: frequent first words ("the",
   * "a", "in") start hundreds of phrases, and looking at the next word
   * first keeps the work per token constant. A bucket is made when a text
   * first has its word, and a list of longer phrases when a text first has
   * its two words: a check of 3 MB of news compiles about 1,850 of the
   * catalogue's 14,000 forms. Until then a form is three numbers in
   * `order`, `seconds` and `lengths`, so the CLI's start-up snapshot, which
   * holds the matcher, holds no compiled objects for the rest (loading the
   * whole catalogue compiled cost about 90 ms of every start).
   */
  private readonly buckets = new Map<number, Bucket>()
  /**
   * Indexes into `rules` of every form, by first word (sorted by its hash),
   * then one-word forms in rule order, then longer ones by their second
   * word's hash, longest first, each in rule order (as lists always were).
   */
  private readonly order: Int32Array
  /**
   * Each distinct first word's hash, ascending, and where its forms start in
   * `order` (one more entry: the end). First words that share a hash have an
   * entry each, side by side.
   */
  private readonly heads: Int32Array
  /** Each of those first words itself. */
  private readonly headWords: string[]
  private readonly starts: Int32Array
  /** Whether some first word has these 16 bits of hash: most words that pass the filters below start no phrase. */
  private readonly headFilter = new Uint8Array(FILTER_SIZE)
  /** By rule index: its first word's hash, its second word's hash, and its number of words. */
  private readonly firsts: Int32Array
  private readonly seconds: Int32Array
  private readonly lengths: Int32Array
  private readonly rules: readonly PhraseRule[]
  /** Shapes of rules that came without one (fingerprint lists, the library's callers). */
  private readonly shapes = new Map<number, PhraseShape>()
  /**
   * Filters in front of the maps: whether a one-word phrase has a word with
   * these 16 bits of hash, and whether a longer phrase starts with a pair of
   * words with these 19 bits of pair hash (a bit each, see `PAIR_BITS`). A
   * fifth of all words ("the", "a", "to") start some phrase, but few start
   * one with the word that follows them: most tokens stop at these two loads.
   */
  private readonly singles = new Uint8Array(FILTER_SIZE)
  private readonly pairs = new Uint32Array((1 << PAIR_BITS) / 32)
  private readonly classes: Classes
  /** Condition lists by content: different rules repeat lists ("@month", a desk's notNear). */
  private readonly lists = new Map<string, ItemList>()
  /**
   * Conditions and context lists compiled, by the rule data's own objects,
   * which the forms of one rule share. Weak: a rule read again (see
   * `RuleData`) brings new objects, and the old ones need not stay.
   */
  private readonly conditions = new WeakMap<Context, CompiledCondition>()
  private readonly contextLists = new WeakMap<readonly Context[], CompiledCondition[]>()

  /**
   * `base`: a matcher with the same classes whose rules are the first of
   * `rules`, in order (the built-in catalogue, which `--fingerprints`
   * extends). What it worked out for them is taken over rather than read
   * from the rules again: in the CLI's snapshot a rule is text until read,
   * and parsing all 1,700 made a start with the PPS list about 0.05 s
   * slower (0.90 of the time without them, 16 runs in pairs).
   */
  constructor(rules: readonly PhraseRule[], classes: Classes, base?: PhraseMatcher) {
    this.classes = classes
    // A copy: forms are compiled from it long after this, by index, and the caller's array may change.
    this.rules = rules.slice()
    this.firsts = new Int32Array(rules.length)
    this.seconds = new Int32Array(rules.length)
    this.lengths = new Int32Array(rules.length)
    const firstOf = this.firsts
    const forms: number[] = []
    const heads: string[] = []
    const known = base && base.extendsTo(rules, classes) ? base : undefined
    if (known) {
      firstOf.set(known.firsts)
      this.seconds.set(known.seconds)
      this.lengths.set(known.lengths)
      this.singles.set(known.singles)
      this.pairs.set(known.pairs)
      for (const [index, shape] of known.shapes) this.shapes.set(index, shape)
      for (const index of known.order) forms.push(index)
      // Each form's first word, from its group's.
      for (let group = 0; group < known.headWords.length; group++) {
        for (let at = known.starts[group]!; at < known.starts[group + 1]!; at++) heads[known.order[at]!] = known.headWords[group]!
      }
    }
    rules.forEach((rule, index) => {
      if (known && index < known.size) return
      // Every rule's word classes are checked now, compiled or not: a rule file that names an unknown one fails to load.
      for (const condition of [rule.when, ...(rule.contexts ?? [])]) {
        if (condition) this.checkClasses(rule, condition)
      }
      if (!rule.shape) this.shapes.set(index, phraseShape(rule.spun))
      const {keys} = this.shape(index)
      if (keys.length === 0) return
      const first = hashKey(keys[0]!)
      firstOf[index] = first
      this.lengths[index] = keys.length
      heads[index] = keys[0]!
      forms.push(index)
      if (keys.length === 1) {
        this.singles[first & FILTER_MASK] = 1
      } else {
        this.seconds[index] = hashKey(keys[1]!)
        setBit(this.pairs, pairSlot(first, this.seconds[index]!))
      }
    })
    const {lengths, seconds} = this
    const multiWord = (index: number) => (lengths[index]! > 1 ? 1 : 0)
    this.order = Int32Array.from(forms).sort(
      (a, b) =>
        firstOf[a]! - firstOf[b]! ||
        // Two first words with one hash: apart, in any steady order.
        (heads[a] === heads[b] ? 0 : heads[a]! < heads[b]! ? -1 : 1) ||
        multiWord(a) - multiWord(b) ||
        seconds[a]! - seconds[b]! ||
        lengths[b]! - lengths[a]! ||
        a - b
    )
    const headHashes: number[] = []
    const starts: number[] = []
    this.headWords = []
    this.order.forEach((index, at) => {
      if (at === 0 || heads[index] !== heads[this.order[at - 1]!]) {
        headHashes.push(firstOf[index]!)
        this.headWords.push(heads[index]!)
        starts.push(at)
        this.headFilter[firstOf[index]! & FILTER_MASK] = 1
      }
    })
    starts.push(this.order.length)
    this.heads = Int32Array.from(headHashes)
    this.starts = Int32Array.from(starts)
    this.size = rules.length
  }

  /** Whether `rules` starts with this matcher's rules, in order, and uses the same classes. */
  private extendsTo(rules: readonly PhraseRule[], classes: Classes): boolean {
    if (classes !== this.classes || rules.length < this.size) return false
    for (let index = 0; index < this.size; index++) if (rules[index] !== this.rules[index]) return false
    return true
  }

  /**
   * Add the best non-overlapping matches in a token list to `out` (at each
   * token the longest phrase that starts there, unless it is a generated
   * form and a shorter written one is of stronger evidence: see `yields`;
   * where phrases overlap, see `keepBest`); returns the number of words
   * seen, which the spin score needs and which is cheapest to count here.
   */
  match(tokens: readonly Token[], text: string, out: Candidate[]): number {
    let words = 0
    let matches: Match[] | undefined
    for (let index = 0; index < tokens.length; index++) {
      const token = tokens[index]!
      if (token.kind === 'word') words++
      const following = tokens[index + 1]
      const pair = following !== undefined && hasBit(this.pairs, pairSlot(token.hash, following.hash))
      if (!pair && this.singles[token.hash & FILTER_MASK] === 0) continue
      const bucket = this.bucket(token.hash, token.key)
      if (!bucket) continue
      const longer = pair ? this.longer(bucket, following!.hash) : undefined
      let found = longer !== undefined && longer.length > 0 ? this.matchAt(tokens, index, longer, text) : undefined
      if (bucket.single.length > 0 && (found === undefined || found.yielding)) {
        const one = this.matchAt(tokens, index, bucket.single, text)
        // A one-word written form of stronger evidence takes a generated phrase's words (see `yields`).
        if (one !== undefined && (found === undefined || (!one.generated && yields(found, one.candidate)))) found = one
      }
      if (found) (matches ??= []).push(found)
      if (bucket.locating.length > 0) {
        const trigger = this.matchAt(tokens, index, bucket.locating, text)
        if (trigger) out.push({...trigger.candidate, tokens})
      }
    }
    if (matches) keepBest(matches, out)
    return words
  }

  private bucket(hash: number, key: string): Bucket | undefined {
    let bucket = this.buckets.get(hash)
    while (bucket && bucket.key !== key) bucket = bucket.collision
    return bucket ?? this.open(hash, key)
  }

  /** The bucket of a first word not looked up before, with its one-word phrases; nothing if no phrase starts with it. */
  private open(hash: number, key: string): Bucket | undefined {
    if (this.headFilter[hash & FILTER_MASK] === 0) return undefined
    const {heads, order, starts} = this
    for (let at = lowerBound(0, heads.length, hash, (entry) => heads[entry]!); at < heads.length && heads[at] === hash; at++) {
      if (this.headWords[at] !== key) continue
      const from = starts[at]!
      const to = starts[at + 1]!
      const single: Compiled[] = []
      const locating: Compiled[] = []
      let k = from
      for (; k < to && this.lengths[order[k]!] === 1; k++) {
        const compiled = this.compileForm(order[k]!)
        ;(compiled.rule.locate ? locating : single).push(compiled)
      }
      const bucket: Bucket = {key, single, locating, next: new Map(), longerFrom: k, longerTo: to, collision: this.buckets.get(hash)}
      this.buckets.set(hash, bucket)
      return bucket
    }
    return undefined
  }

  /**
   * The bucket's longer phrases whose second word has this hash, compiled
   * the first time. A miss is not kept (the pair filter lets through about
   * one pair of words in fifty by chance, and a map of those would grow
   * with the vocabulary of every text checked): it costs a binary search
   * again.
   */
  private longer(bucket: Bucket, second: number): readonly Compiled[] {
    let list = bucket.next.get(second)
    if (list === undefined) {
      const {order, seconds} = this
      const {longerFrom, longerTo} = bucket
      let k = longerFrom === longerTo ? longerTo : lowerBound(longerFrom, longerTo, second, (at) => seconds[order[at]!]!)
      if (k === longerTo || seconds[order[k]!] !== second) return NONE
      list = []
      for (; k < longerTo && seconds[order[k]!] === second; k++) list.push(this.compileForm(order[k]!))
      bucket.next.set(second, list)
    }
    return list
  }

  private shape(index: number): PhraseShape {
    return this.rules[index]!.shape ?? this.shapes.get(index)!
  }

  private compileForm(index: number): Compiled {
    const rule = this.rules[index]!
    const shape = this.shape(index)
    return {
      rule,
      when: rule.when ? this.compileCondition(rule.when) : undefined,
      contexts: rule.contexts ? this.compileContexts(rule.contexts) : [],
      confidence: rule.confidence,
      evidence: rule.evidence,
      generated: rule.generated === true,
      keys: shape.keys,
      spaced: shape.spaced,
      keepDot: shape.keepDot
    }
  }

  private matchAt(tokens: readonly Token[], index: number, bucket: readonly Compiled[], text: string): Match | undefined {
    let best: Match | undefined
    // Whether a written form as long as the best matched here (its words and conditions, whether or
    // not it has a proposal to make): then no shorter one takes the best's words.
    let written = false
    let at = 0
    // Indexed loops here and in the condition checks below, not for…of: the
    // buckets are arrays of several kinds (built here, the shared empty
    // one), and an early exit from a for…of calls the iterator's `return`,
    // which a cold run has rarely seen. Each threw the compiled matcher
    // away in a fresh process (three or four recompilations a run), and an
    // iterator is slow in the interpreter that runs it until then.
    for (; at < bucket.length; at++) {
      const compiled = bucket[at]!
      // Longest first: of phrases as long, the first that outranks the others (see `outranks`).
      if (best && compiled.keys.length < best.next - index) break
      const verdict = this.verdictAt(compiled, tokens, index)
      if (!verdict) continue
      if (!compiled.generated) written = true
      if (best && outranks(best.candidate, verdict) <= 0) continue
      best = this.build(compiled, verdict, tokens, index, text) ?? best
    }
    if (!best) return undefined
    best.yielding = !written && best.generated && best.candidate.evidence !== STRONGEST
    if (!best.yielding) return best
    // A generated form gives its words to the longest written form of stronger evidence inside it (see `yields`).
    let taker: Match | undefined
    for (; at < bucket.length; at++) {
      const compiled = bucket[at]!
      if (taker && compiled.keys.length < taker.next - index) break
      if (compiled.generated) continue
      const verdict = this.verdictAt(compiled, tokens, index)
      if (!verdict || !yields(best, verdict) || (taker && outranks(taker.candidate, verdict) <= 0)) continue
      taker = this.build(compiled, verdict, tokens, index, text) ?? taker
    }
    return taker ?? best
  }

  /** What a form says if its words are here, in this context; nothing if they are not, or it does not apply. */
  private verdictAt(compiled: Compiled, tokens: readonly Token[], index: number): Verdict | undefined {
    const next = index + compiled.keys.length
    if (next > tokens.length) return undefined
    for (let k = 1; k < compiled.keys.length; k++) {
      const token = tokens[index + k]!
      if (key(token) !== compiled.keys[k] || token.spaced !== compiled.spaced[k]) return undefined
    }
    return this.evaluate(compiled, tokens, index, next)
  }

  /** The match of a form whose words are here, with its proposals; nothing if it has none to make. */
  private build(compiled: Compiled, verdict: Verdict, tokens: readonly Token[], index: number, text: string): Match | undefined {
    const next = index + compiled.keys.length
    const first = tokens[index]!
    const last = tokens[next - 1]!
    const end = compiled.keepDot && last.value.endsWith('.') && last.value.length > 1 ? last.end - 1 : last.end
    const actual = text.slice(first.start, end)
    // Most spun words are lower case inside a sentence: nothing to carry over, and no need
    // to look back for the sentence's start.
    const initial = actual.charCodeAt(0)
    const context = initial >= 97 && initial <= 122 ? undefined : {spun: compiled.rule.spun, sentenceStart: startsSentence(tokens, index)}
    const original = compiled.rule.original
    const wrapped = actual.includes('\n')
    // A proposal that is the text as written rewrites nothing (a real title
    // among a rule's alternatives, a list row whose two sides agree): it is
    // left out, and a match left with nothing to propose is no finding.
    // (A loop: the alternatives come as arrays of several kinds, from YAML,
    // the cache and fingerprint lists, which `map` and `filter` here saw as
    // a change of shape.)
    const expected: string[] = []
    for (let k = 0; k < original.length; k++) {
      let value = context ? matchCase(actual, original[k]!, context) : original[k]!
      // A match across the line break of wrapped prose keeps the break where the words allow.
      if (wrapped) value = keepBreaks(actual, value)
      if (value !== actual) expected.push(value)
    }
    if (expected.length === 0 && original.length > 0) return undefined
    // Flat literals (see the parser): a nested one is built by V8's runtime until this is optimised.
    const candidate: Candidate = {
      rule: compiled.rule,
      start: first.start,
      end,
      actual,
      expected,
      confidence: verdict.confidence,
      evidence: verdict.evidence
    }
    return {candidate, from: index, next, yielding: false, generated: compiled.generated}
  }

  /** The confidence and evidence a match gets in this context, or nothing if it does not apply. */
  private evaluate(compiled: Compiled, tokens: readonly Token[], start: number, end: number) {
    if (compiled.when && !this.satisfied(compiled.when, tokens, start, end)) return undefined
    const contexts = compiled.contexts
    for (let k = 0; k < contexts.length; k++) {
      const context = contexts[k]!
      if (this.satisfied(context, tokens, start, end)) {
        return {confidence: context.confidence ?? compiled.confidence, evidence: context.evidence ?? compiled.evidence}
      }
    }
    return {confidence: compiled.confidence, evidence: compiled.evidence}
  }

  private satisfied(condition: CompiledCondition, tokens: readonly Token[], start: number, end: number): boolean {
    const before = start > 0 ? tokens[start - 1] : undefined
    const after = end < tokens.length ? tokens[end] : undefined
    if (condition.before && !this.some(condition.before, before, tokens, start, 'before')) return false
    if (condition.after && !this.some(condition.after, after, tokens, end, 'after')) return false
    if (condition.notBefore && this.some(condition.notBefore, before, tokens, start, 'before')) return false
    if (condition.notAfter && this.some(condition.notAfter, after, tokens, end, 'after')) return false
    if (condition.near && !this.nearby(condition.near, tokens, start, end, condition.window)) return false
    if (condition.notNear && this.nearby(condition.notNear, tokens, start, end, condition.window)) return false
    return true
  }

  private some(list: ItemList, token: Token | undefined, tokens: readonly Token[], at: number, side: 'before' | 'after') {
    if (list.start && side === 'before' && atSentenceStart(tokens, at)) return true
    if (list.end && side === 'after' && atSentenceEnd(tokens, at)) return true
    if (token === undefined) return false
    // A phrase ends right before the match, or starts right after it.
    const phrases = list.phrases
    for (let k = 0; k < phrases.length; k++) {
      const phrase = phrases[k]!
      if (side === 'before' ? phraseAt(phrase, tokens, at - phrase.length, at) : phraseAt(phrase, tokens, at, tokens.length)) return true
    }
    // After a match a clitic cannot stand: the match would have had to include the word it
    // belongs to. Before it and near it, it is that word.
    return side === 'before' ? this.inListOrClitic(list, token) : this.inList(list, token)
  }

  /** `inList`, where a clitic is a word ending in it ("goalkeeper's", "didn't"): the tokenizer keeps it in its word. */
  private inListOrClitic(list: ItemList, token: Token): boolean {
    if (this.inList(list, token)) return true
    const clitics = list.clitics
    for (let k = 0; k < clitics.length; k++) if (endsInClitic(token, clitics[k]!)) return true
    return false
  }

  private inList(list: ItemList, token: Token): boolean {
    // `norm` and `key` differ only for words that kept a dot ("U.Ok."): one lookup for the rest.
    if (list.words.has(token.key) || (token.norm !== token.key && list.words.has(token.norm))) return true
    if (token.kind !== 'word') return false
    const classes = list.classes
    for (let k = 0; k < classes.length; k++) if (classes[k]!.has(token.key)) return true
    if (list.cap && isCapitalised(token.value)) return true
    if (list.num && (/^\d/.test(token.value) || (this.classes.get('number')?.has(token.norm) ?? false))) return true
    return false
  }

  /** A rule's contexts compiled, once for all its forms (which share the rule's objects). */
  private compileContexts(contexts: readonly Context[]): CompiledCondition[] {
    let compiled = this.contextLists.get(contexts)
    if (!compiled) {
      compiled = contexts.map((context) => this.compileCondition(context))
      this.contextLists.set(contexts, compiled)
    }
    return compiled
  }

  private compileCondition(condition: Context): CompiledCondition {
    let compiled = this.conditions.get(condition)
    if (!compiled) {
      compiled = this.compileFresh(condition)
      this.conditions.set(condition, compiled)
    }
    return compiled
  }

  private compileFresh(condition: Context): CompiledCondition {
    const list = (items: string[] | undefined) => (items ? this.compile(items) : undefined)
    return {
      before: list(condition.before),
      after: list(condition.after),
      notBefore: list(condition.notBefore),
      notAfter: list(condition.notAfter),
      near: list(condition.near),
      notNear: list(condition.notNear),
      window: condition.window ?? DEFAULT_WINDOW,
      confidence: condition.confidence,
      evidence: condition.evidence
    }
  }

  /** A condition list as sets (rule data is never changed after loading). */
  private compile(items: string[]): ItemList {
    const id = items.join('\0')
    let list = this.lists.get(id)
    if (!list) {
      list = {words: new Set(), classes: [], start: false, end: false, cap: false, num: false, clitics: [], phrases: []}
      const words = list.words
      const clitics = list.clitics
      // Tokens are compared in lower case with ’ as ': so are items ("AI", "Trump’s").
      const word = (item: string) => {
        const key = normalize(item)
        if (!CLITICS.has(key)) words.add(key)
        else if (!clitics.includes(key)) clitics.push(key)
      }
      for (const item of items) {
        if (/\S\s+\S/.test(item)) list.phrases.push(item.trim().split(/\s+/).map(normalize))
        else if (item === '^') list.start = true
        else if (item === '$') list.end = true
        else if (item === '#Cap') list.cap = true
        else if (item === '#num') list.num = true
        else if (item.startsWith('@') && item.length > 1) {
          const members = this.classes.get(item.slice(1))!
          list.classes.push(members)
          // A class's clitics (`@negation`'s `n't`) are looked up as the list's own.
          for (const member of members) if (CLITICS.has(normalize(member))) word(member)
        } else word(item)
      }
      this.lists.set(id, list)
    }
    return list
  }

  /** Whether one of the `window` words on either side of `tokens[start..end)` is in the list. */
  private nearby(list: ItemList, tokens: readonly Token[], start: number, end: number, window: number): boolean {
    for (let index = start - 1, seen = 0; index >= 0 && seen < window; index--) {
      const token = tokens[index]!
      if (token.kind !== 'word') continue
      if (this.inListOrClitic(list, token)) return true
      // A phrase that starts here and ends before the match.
      for (let k = 0; k < list.phrases.length; k++) if (phraseAt(list.phrases[k]!, tokens, index, start)) return true
      seen++
    }
    for (let index = end, seen = 0; index < tokens.length && seen < window; index++) {
      const token = tokens[index]!
      if (token.kind !== 'word') continue
      if (this.inListOrClitic(list, token)) return true
      for (let k = 0; k < list.phrases.length; k++) if (phraseAt(list.phrases[k]!, tokens, index, tokens.length)) return true
      seen++
    }
    return false
  }

  private checkClasses(rule: PhraseRule, condition: Condition) {
    for (const items of [condition.before, condition.after, condition.notBefore, condition.notAfter, condition.near, condition.notNear]) {
      for (const item of items ?? []) {
        if (item.startsWith('@') && item.length > 1 && !this.classes.has(item.slice(1))) {
          const [, file = rule.origin, line] = /^(.*):(\d+)$/.exec(rule.origin) ?? []
          throw new ConfigError(file, line ? Number(line) : undefined, `rule \`${rule.id}\` uses unknown word class \`${item}\``)
        }
      }
    }
  }
}

/** A match: its candidate and the token range `[from, next)` it covers (one match per `from`). */
interface Match {
  candidate: Candidate
  from: number
  next: number
  /** A generated form no written form as long claimed here: it gives its words to a stronger written one inside it (see `yields`). */
  yielding: boolean
  /** Its rule's `generated`, read once. */
  generated: boolean
}

/**
 * `keepBest` over candidates by their character spans, in any order: for
 * matches whose span is known only after `locate`.
 */
export function keepBestSpans(candidates: readonly Candidate[]): Candidate[] {
  const out: Candidate[] = []
  const matches = candidates.map((candidate) => ({candidate, from: candidate.start, next: candidate.end, yielding: false, generated: candidate.rule.generated === true}))
  keepBest(matches.sort((a, b) => a.from - b.from || b.next - a.next), out)
  return out
}

/**
 * Where matches overlap, a phrase inside a longer one gives way to it (the
 * longer phrase is the more specific: "mass taking pictures" over "taking
 * pictures"), except a written phrase of stronger evidence inside a
 * generated one (see `yields`); of two that only cross ("drag us right" from
 * a user's rule file, "right into a struggle" from the catalogue) the more
 * confident is kept, at equal confidence the longer, then the earlier. A
 * phrase that gave way to a longer one comes back if that one loses to a
 * third. Kept matches
 * are added to `out` in text order. `matches` are in text order, one per
 * start, so overlapping ones form runs: each run is settled on its own, and
 * the work stays linear in the length of a sentence however many it holds.
 */
function keepBest(matches: Match[], out: Candidate[]): void {
  let run: Match[] = []
  let reach = -1
  for (const match of matches) {
    if (match.from >= reach && run.length > 0) {
      settle(run, out)
      run = []
    }
    run.push(match)
    reach = Math.max(reach, match.next)
  }
  settle(run, out)
}

/** Runs longer than this (a chain of crossing phrases) are settled left to right, longest first. */
const LONGEST_RUN = 32

function settle(run: Match[], out: Candidate[]): void {
  if (run.length === 1) {
    out.push(run[0]!.candidate)
    return
  }
  const kept: Match[] = []
  if (run.length > LONGEST_RUN) {
    let reach = -1
    for (const match of run) {
      if (match.from < reach) continue
      kept.push(match)
      reach = match.next
    }
  } else {
    let open = run
    while (open.length > 0) {
      // Among the phrases no other open phrase contains, the most confident; not one that
      // gives its words to a stronger phrase inside it while that one is open (see `yields`).
      let best: Match | undefined
      for (const match of open) {
        if (open.some((other) => other !== match && (contains(other, match) || givesWay(match, other)))) continue
        if (!best || rank(match, best) < 0) best = match
      }
      // Phrases inside phrases inside one that gives way to the innermost: the most confident of all.
      best ??= open.reduce((a, b) => (rank(b, a) < 0 ? b : a))
      kept.push(best)
      open = open.filter((match) => match.next <= best!.from || best!.next <= match.from)
    }
    kept.sort((a, b) => a.from - b.from)
  }
  for (const match of kept) out.push(match.candidate)
}

/** Whether `a` covers `b` and is bigger. */
function holds(a: Match, b: Match): boolean {
  return a.from <= b.from && b.next <= a.next && (a.from < b.from || b.next < a.next)
}

/** Whether `a` covers `b` and is bigger, or covers the same span and ranks first; not where `a` gives way to `b`. */
function contains(a: Match, b: Match): boolean {
  return a.from <= b.from && b.next <= a.next && (a.from < b.from || b.next < a.next || rank(a, b) < 0) && !givesWay(a, b)
}

/** Whether `longer` holds `shorter` and gives its words to it (see `yields`). */
function givesWay(longer: Match, shorter: Match): boolean {
  // `yields` first: it reads `yielding`, which almost every match has false.
  return yields(longer, shorter.candidate) && !shorter.generated && holds(longer, shorter)
}

/** Strength of evidence as a number to compare: its place in `EVIDENCE`, weakest first. */
const STRENGTH = Object.fromEntries(EVIDENCE.map((evidence, index) => [evidence, index])) as Record<Evidence, number>

/** What a match says, in its context: a candidate's or an evaluated form's. */
interface Verdict {
  confidence: number
  evidence: Evidence
}

/**
 * Negative when `a` goes before `b` on what they say alone: more confident, then of stronger
 * evidence. Evidence breaks ties of confidence: a catch-all rule of no evidence that claims the
 * same words at the same confidence ("Home windows" as home windows) would otherwise hide a
 * strong one by the order the files were loaded in.
 */
function outranks(a: Verdict, b: Verdict): number {
  return b.confidence - a.confidence || STRENGTH[b.evidence] - STRENGTH[a.evidence]
}

/** The strongest evidence: no shorter phrase takes the words of a phrase of it. */
const STRONGEST: Evidence = EVIDENCE[EVIDENCE.length - 1]!

/**
 * Whether a longer phrase gives its words to a shorter one inside it: only a
 * form generated from a term's swapped words (`terms`) that no written form
 * as long claimed at its start (`yielding`), and only to a written form of
 * stronger evidence. A generated form is no one's judgement of its
 * words: where a person wrote a strong rule for a part of it ("attractive
 * reverberation"), the generated weak form around it ("nuclear attractive
 * reverberation") would take that rule's evidence from the document's
 * spin score, and the message's confidence outside a spun document, for
 * a repair of the same words. A written longer form stays the more
 * specific reading whatever its evidence: reviewers write such forms of
 * weak or moderate evidence on purpose, where the shorter form's strong
 * reading does not hold ("elevate considerations", "social media put
 * up"), and they repair more of a spun phrase ("increased schooling
 * minister", not "schooling minister"; measured: giving every longer form's
 * words to stronger evidence fired on 6 of 6,762 clean sentences and cut 8
 * repairs of spun ones short).
 */
function yields(longer: Match, shorter: Verdict): boolean {
  return longer.yielding && STRENGTH[shorter.evidence] > STRENGTH[longer.candidate.evidence]
}

/** Negative when `a` goes before `b`: `outranks`, then longer, then earlier. */
function rank(a: Match, b: Match): number {
  return outranks(a.candidate, b.candidate) || b.next - b.from - (a.next - a.from) || a.from - b.from
}

/** A spun phrase as the matcher reads it. */
export interface PhraseShape {
  /** Lookup key of each token. */
  keys: string[]
  /** Whether white space must separate token k from token k - 1. */
  spaced: boolean[]
  /** The phrase's last word has no trailing dot, so a dot in the text stays outside the match. */
  keepDot: boolean
}

/** The shape of a phrase; rule files store it when loaded, so the cache keeps it. */
export function phraseShape(phrase: string): PhraseShape {
  const tokens = phraseTokens(phrase)
  return {
    keys: tokens.map(key),
    spaced: tokens.map((token) => token.spaced),
    keepDot: tokens.length === 0 || !tokens[tokens.length - 1]!.value.endsWith('.')
  }
}

/** Tokens of a phrase, by the same parser as the text, so both split alike. */
export function phraseTokens(phrase: string): Token[] {
  const tokens: Token[] = []
  for (const sentence of sentences(parse(phrase))) tokens.push(...sentenceTokens(sentence))
  if (tokens.length > 0) tokens[0] = {...tokens[0]!, spaced: false}
  return tokens
}

/** Lookup key: the normalised token without a trailing dot ("U.Ok." and "U.Ok" alike). */
function key(token: Token): string {
  return token.key
}

function atSentenceStart(tokens: readonly Token[], at: number): boolean {
  for (let index = at - 1; index >= 0; index--) {
    const token = tokens[index]!
    if (token.kind === 'word' || !OPENERS.test(token.value)) return afterDateline(tokens, at)
  }
  return true
}

/**
 * A news story's first sentence starts after its dateline ("KARSTAD,
 * Korvania — As we speak, ...", "LONDON, Nov 3 (Reuters) - Today ..."),
 * which the parser keeps in the same sentence: a dash (or two hyphens), a
 * capital after it, and before it only a few words that start with a
 * capital or a digit (or are a place name's particle: "RIO DE JANEIRO",
 * "Rio de Janeiro"), with commas, dots, slashes and brackets between them,
 * one of them a city in capitals or an agency in brackets. A name alone
 * before a dash ("Prime Minister Boris Johnson - However ...") is not one.
 */
function afterDateline(tokens: readonly Token[], at: number): boolean {
  let dash = at - 1
  if (dash < 1 || tokens[dash]!.kind === 'word' || !DASH.test(tokens[dash]!.value) || !CAPITAL.test(tokens[at]!.value)) return false
  if (tokens[dash]!.value === '-' && tokens[dash - 1]!.value === '-' && !tokens[dash]!.spaced) dash--
  let words = 0
  let dateline = false
  for (let index = dash - 1; index >= 0; index--) {
    const token = tokens[index]!
    if (token.kind !== 'word') {
      if (!DATELINE_MARK.test(token.value)) return false
      continue
    }
    if (++words > DATELINE_WORDS || !(CAPITAL_OR_DIGIT.test(token.value) || PARTICLES.has(token.value))) return false
    if (CITY.test(token.value) || (tokens[index - 1]?.value === '(' && tokens[index + 1]?.value === ')')) dateline = true
  }
  return dateline
}

/** "WASHINGTON, D.C., Nov. 3 (AP)" is seven. */
const DATELINE_WORDS = 8
const DASH = /^[—–-]$/u
const DATELINE_MARK = /^[,.()\/]$/u
const CAPITAL = /^\p{Lu}/u
/** A word in capitals, two letters or more: the dateline's city ("KARSTAD", "LONDON", "PORT-AU-PRINCE"). */
const CITY = /^\p{Lu}[\p{Lu}'’.&-]*\p{Lu}\.?$/u
const PARTICLES = new Set(['de', 'da', 'do', 'del', 'dos', 'la', 'le', 'el', 'al', 'von', 'van'])
const CAPITAL_OR_DIGIT = /^[\p{Lu}\d]/u

/**
 * Whether a capital at `tokens[at]` is the sentence's, for carrying case
 * over: nothing but punctuation before it, or an opening quote, bracket,
 * colon, dash or bullet right before it ("She said, “PC vision…",
 * "Note: PC vision…", "• PC vision"), or a list number ("1) PC vision").
 */
function startsSentence(tokens: readonly Token[], at: number): boolean {
  for (let index = at - 1; index >= 0; index--) {
    const token = tokens[index]!
    if (token.kind === 'word') return /^\d+$/.test(token.value) && index + 1 < at
    if (CLAUSE_OPENERS.test(token.value)) return true
  }
  return true
}

const CLAUSE_OPENERS = /^[“‘"'(\[«:•·*—–-]$/u

function atSentenceEnd(tokens: readonly Token[], at: number): boolean {
  for (let index = at; index < tokens.length; index++) {
    if (tokens[index]!.kind === 'word') return false
  }
  return true
}

/**
 * Carry the case of what was found over to the proposal: "As we speak" ->
 * "Today", "STRUGGLE" -> "WAR", and in a title "Bosom Malignancy" ->
 * "Breast Cancer". Capitals the rule wrote ("K.G.B.") stay. A capital that
 * belongs to the spun word itself (an acronym, "PC vision", or a capital the
 * rule writes) is carried over only at the start of a sentence: "PC vision"
 * -> "computer vision" inside one.
 */
/** Whether the words of `phrase` are the tokens from `from` on, all before `limit`. */
function phraseAt(phrase: readonly string[], tokens: readonly Token[], from: number, limit: number): boolean {
  if (from < 0 || from + phrase.length > limit) return false
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[from + k]!
    if (token.key === phrase[k] || token.norm === phrase[k]) continue
    // A phrase may start with a clitic ("'s the"): the end of the word it is written onto.
    if (k === 0 && startsClitic(phrase[0]!) && endsInClitic(token, phrase[0]!)) continue
    return false
  }
  return true
}

/**
 * `proposal` with the white space of `actual` between its words, where both
 * have as many words ("Home of\nRepresentatives" -> "House of\nRepresentatives"),
 * so that a fix leaves the lines of wrapped prose as they were; otherwise
 * `proposal` as it is.
 */
export function keepBreaks(actual: string, proposal: string): string {
  const spaces = actual.match(/\s+/g) ?? []
  const words = proposal.split(' ')
  if (words.length !== spaces.length + 1) return proposal
  return words.reduce((joined, word, index) => joined + spaces[index - 1]! + word)
}

export function matchCase(actual: string, proposal: string, context: {spun?: string; sentenceStart?: boolean} = {}): string {
  if (proposal === '') return proposal
  // Most spun words are lower case inside a sentence: nothing to carry over.
  const initial = actual.charCodeAt(0)
  if (initial >= 97 && initial <= 122) return proposal
  const letters = actual.replace(/[^\p{L}]/gu, '')
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    return proposal.toUpperCase()
  }
  const words = actual.split(/\s+/)
  if (words.length > 1 && words.every(isCapitalised)) {
    return proposal
      .split(' ')
      .map((word, index) => (index > 0 && MINOR.has(word) ? word : capitalise(word)))
      .join(' ')
  }
  if (!isCapitalised(actual)) return proposal
  const first = words[0]!.replace(/[^\p{L}]/gu, '')
  const inherent = isCapitalised(context.spun ?? '') || (first.length > 1 && first === first.toUpperCase())
  return inherent && context.sentenceStart === false ? proposal : capitalise(proposal)
}

/** Words a title leaves in lower case. */
const MINOR = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with'])

function capitalise(word: string): string {
  if (word === '') return word
  const first = String.fromCodePoint(word.codePointAt(0)!)
  return first.toUpperCase() + word.slice(first.length)
}

const NONE: readonly Compiled[] = Object.freeze([])


const compiled = new WeakMap<readonly PhraseRule[], PhraseMatcher>()

/** The matcher already made for these rules, if any. */
export function madeMatcher(rules: readonly PhraseRule[]): PhraseMatcher | undefined {
  return compiled.get(rules)
}

/**
 * The matcher for a list of rules, compiled once per list (per catalogue, not
 * per file or per plugin); made from `base` where the list extends its rules
 * (see the constructor).
 */
export function matcherFor(rules: readonly PhraseRule[], classes: Classes, base?: PhraseMatcher): PhraseMatcher {
  let matcher = compiled.get(rules)
  if (!matcher) {
    matcher = new PhraseMatcher(rules, classes, base)
    compiled.set(rules, matcher)
  }
  return matcher
}

/**
 * What English writes onto a word with an apostrophe, which the tokenizer keeps in its word:
 * as condition items they stand for such a word (`n't` for "didn't", `'s` for "Trump's").
 */
export const CLITICS: ReadonlySet<string> = new Set(["'s", "n't", "'re", "'m", "'ll", "'ve", "'d"])

/** `CLITICS.has(word)`, told by the first letter for the words most phrases start with (a hot path). */
function startsClitic(word: string): boolean {
  const code = word.charCodeAt(0)
  return (code === 39 || code === 110) && CLITICS.has(word)
}

/** A word that ends in a clitic (keys write ’ as '): "goalkeeper's", "Trump’s", "didn't". */
function endsInClitic(token: Token, clitic: string): boolean {
  return token.kind === 'word' && token.key.length > clitic.length && token.key.endsWith(clitic)
}
