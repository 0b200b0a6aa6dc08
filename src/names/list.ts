/**
 * `names cluster`: group a list of names (one per line) into people and
 * places. Names are compared token by token, surname with surname and given
 * name with given name, in either order ("Lukashenko, Alexander"); two
 * names whose surnames match but whose given names do not (Vitali and
 * Wladimir Klitschko) are kept apart, and a bare surname that fits several
 * such people joins none of them.
 */
import {blockingKeys, candidatePairs, Clusters, sigmoid} from './blocking.js'
import {compareGiven, compareTokens, foldCached, isInitial, type TokenComparison} from './compare.js'
import type {Dictionary} from './dictionary.js'
import type {Lexicon} from './lexicon.js'
import {choose, type Candidate, type Romanisation} from './prefer.js'
import {splitName, type Registry} from './registry.js'

export interface NameCluster {
  canonical: string
  /** Every input spelling in the cluster, canonical first (when it is in the input), then by frequency. */
  variants: string[]
  /** Probability that every variant names the canonical's person or place. */
  confidence: number
  /** The registry decided the canonical spelling. */
  registry?: boolean
  note?: string
}

export interface ClusterOptions {
  lexicon: Lexicon
  dictionary: Dictionary
  registry?: Registry
  prefer?: Romanisation
  /** Keep clusters of one spelling (default: false). */
  singletons?: boolean
}

interface Item {
  text: string
  count: number
  given?: string
  surname: string
  /** The registry canonical this item stands for (not from the input). */
  registry?: boolean
  /** A registry variant: tied to the item with this index. */
  tiedTo?: number
  /** Middle initials as written ("W" in George W. Bush), which tell people apart. */
  middle: string
  note?: string
}

interface Link {
  a: number
  b: number
  z: number
  /** Joins only when it fits exactly one person; `single` is the less specific side. */
  partial: boolean
  single?: number
}

export function parseName(text: string, lexicon: Lexicon): {given?: string; surname: string} | undefined {
  const tokens = splitName(text)
  if (tokens.length === 0) return undefined
  if (tokens.length === 1) return {surname: tokens[0]!}
  let given = tokens[0]!
  let surname = tokens[tokens.length - 1]!
  // "Tsikhanouskaya Sviatlana": surname-first lists put the given name last.
  if (!text.includes(',') && lexicon.has(surname) && !lexicon.has(given)) [given, surname] = [surname, given]
  return {given, surname}
}

export function clusterNames(lines: readonly string[], options: ClusterOptions): NameCluster[] {
  const counts = new Map<string, number>()
  for (const raw of lines) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    counts.set(line, (counts.get(line) ?? 0) + 1)
  }
  const items: Item[] = []
  for (const [text, count] of counts) {
    const parsed = parseName(text, options.lexicon)
    if (parsed) items.push({text, count, ...parsed, middle: middleInitials(text)})
  }
  const inputCount = items.length
  for (const entry of options.registry?.entries ?? []) {
    const parsed = parseName(entry.canonical, options.lexicon)
    if (!parsed) continue
    const index = items.length
    items.push({text: entry.canonical, count: 0, ...parsed, middle: middleInitials(entry.canonical), registry: true, ...(entry.note ? {note: entry.note} : {})})
    for (const variant of [...entry.variants, ...entry.forbidden]) {
      const found = items.findIndex((item, at) => at < inputCount && item.text.toLowerCase() === variant.toLowerCase())
      if (found >= 0) items[found]!.tiedTo = index
    }
  }

  const keys = items.map((item) => {
    const list = [...blockingKeys(foldCached(item.surname))]
    // A given name the lexicon does not know may be a surname written first.
    if (item.given && !options.lexicon.has(item.given)) list.push(...blockingKeys(foldCached(item.given)))
    return list
  })
  const pairs = candidatePairs(keys, (index) => foldCached(items[index]!.surname))
  const clusters = new Clusters(items.length)
  const links: Link[] = []
  for (let at = 0; at < pairs.length; at += 2) {
    const a = pairs[at]!
    const b = pairs[at + 1]!
    if (items[a]!.registry && items[b]!.registry) continue
    const [left, right] = [items[a]!, items[b]!]
    // George H. W. Bush and George W. Bush are two people; George Bush may be either.
    if (left.middle && right.middle && left.middle !== right.middle) {
      clusters.forbid(a, b)
      continue
    }
    const result = compareNames(left, right, options.lexicon)
    if (result === 'different') clusters.forbid(a, b)
    else if (result && left.middle !== right.middle) {
      // A middle initial on one side only: like a bare surname, it joins only when it fits one person.
      links.push({a, b, z: result.z - ONE_MIDDLE, partial: true, single: left.middle ? b : a})
    } else if (result) links.push({a, b, ...result, ...(result.partial ? {single: left.given ? b : a} : {})})
  }
  // The same letters however spaced, hyphenated or accented are one name
  // (Kim Jong Un, Kim Jong-un; Erdoğan, Erdogan), whichever token the
  // surname is taken to be.
  const byLetters = new Map<string, number>()
  items.forEach((item, index) => {
    const key = letters(item.text) + '|' + item.middle
    const first = byLetters.get(key)
    if (first === undefined) byLetters.set(key, index)
    else if (!(item.registry && items[first]!.registry)) links.push({a: first, b: index, z: 4, partial: false})
  })
  items.forEach((item, index) => {
    if (item.tiedTo !== undefined) links.push({a: index, b: item.tiedTo, z: 4, partial: false})
  })
  links.sort((x, y) => y.z - x.z || x.a - y.a || x.b - y.b)
  const joined = new Map<number, number>() // root → weakest z used
  const merge = (link: Link) => {
    const before = Math.min(joined.get(clusters.find(link.a)) ?? Infinity, joined.get(clusters.find(link.b)) ?? Infinity)
    if (!clusters.union(link.a, link.b)) return
    joined.set(clusters.find(link.a), Math.min(before, link.z))
  }
  for (const link of links) if (!link.partial) merge(link)
  // A bare name joins a full name only when it fits exactly one person.
  const partial = new Map<number, Link[]>()
  for (const link of links) {
    if (!link.partial) continue
    const single = link.single!
    const list = partial.get(single) ?? []
    list.push(link)
    partial.set(single, list)
  }
  const ambiguous = new Map<number, string[]>()
  for (const [single, list] of partial) {
    const roots = new Set(list.map((link) => clusters.find(link.a === single ? link.b : link.a)))
    roots.delete(clusters.find(single))
    if (roots.size === 1) {
      const best = list.reduce((x, y) => (y.z > x.z ? y : x))
      merge(best)
    } else if (roots.size > 1) {
      ambiguous.set(single, [...roots].map((root) => items[root]!.text))
    }
  }

  const result: NameCluster[] = []
  for (const group of clusters.groups()) {
    const members = group.map((index) => items[index]!)
    const inputs = members.filter((member) => !member.registry)
    if (inputs.length === 0) continue
    const pinned = members.find((member) => member.registry)
    if (inputs.length < 2 && !(pinned && pinned.text !== inputs[0]!.text) && !options.singletons) continue
    const candidates: Candidate[] = members
      .filter((member) => !member.registry || member === pinned)
      .map((member) => ({
        spelling: member.text,
        files: member.count,
        mentions: member.count,
        tokens: member.given ? 2 : 1,
        registry: member.registry === true
      }))
    const {winner} = choose(candidates, {prefer: options.prefer, knows: options.dictionary.knows})
    const rest = inputs
      .filter((member) => member.text !== winner.spelling)
      .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : 1))
      .map((member) => member.text)
    const weakest = joined.get(clusters.find(group[0]!))
    const cluster: NameCluster = {
      canonical: winner.spelling,
      // Only spellings from the input: a registry canonical the list lacks is not a variant.
      variants: pinned && !inputs.some((member) => member.text === winner.spelling) ? rest : [winner.spelling, ...rest],
      confidence: Math.round(sigmoid(weakest === undefined || !Number.isFinite(weakest) ? 4 : weakest) * 100) / 100
    }
    if (pinned) cluster.registry = true
    const notes: string[] = []
    if (pinned?.note) notes.push(pinned.note)
    for (const index of group) {
      const others = ambiguous.get(index)
      if (others) notes.push(`${items[index]!.text}: possibly different people (${others.join('; ')})`)
    }
    if (notes.length > 0) cluster.note = notes.join(' ')
    result.push(cluster)
  }
  if (options.singletons) {
    // Bare names left out for being ambiguous are reported with their note.
    for (const [index, others] of ambiguous) {
      const existing = result.find((cluster) => cluster.variants.includes(items[index]!.text))
      if (!existing) continue
      existing.note ??= `possibly different people (${others.join('; ')})`
    }
  }
  return result.sort((a, b) => b.variants.length - a.variants.length || (a.canonical < b.canonical ? -1 : 1))
}

/** How much less sure a match is when only one of the names has a middle initial. */
const ONE_MIDDLE = 2.8

/** The single-letter tokens between the first and the last ("H W" in "George H. W. Bush"), as letters. */
function middleInitials(text: string): string {
  const comma = text.indexOf(',')
  const ordered = comma > 0 ? `${text.slice(comma + 1)} ${text.slice(0, comma)}` : text
  const tokens = ordered.trim().split(/\s+/u)
  return tokens
    .slice(1, -1)
    .filter((token) => /^\p{Lu}\.?$/u.test(token))
    .map((token) => token.charAt(0))
    .join('')
}

function letters(text: string): string {
  return text.normalize('NFD').replace(/[^\p{L}]/gu, '').toLowerCase()
}

/**
 * Compare two names token by token: a link with its log-odds, `'different'`
 * when the names must stay apart, or undefined when they simply do not match.
 */
export function compareNames(a: {given?: string; surname: string}, b: {given?: string; surname: string}, lexicon: Lexicon): {z: number; partial: boolean} | 'different' | undefined {
  if (!a.given && !b.given) {
    const match = compareTokens(a.surname, b.surname)
    if (match.ok) return {z: surnameZ(match), partial: false}
    return hardRefusal(match) ? 'different' : undefined
  }
  if (!a.given || !b.given) {
    const [single, full] = a.given ? [b, a] : [a, b]
    const match = compareTokens(single.surname, full.surname)
    if (match.ok) return {z: surnameZ(match) - 0.3, partial: true}
    return undefined
  }
  const straight = alignment(a.given, a.surname, b.given, b.surname, lexicon)
  if (straight && straight !== 'different') return straight
  const swapped = alignment(a.given, a.surname, b.surname, b.given, lexicon)
  if (swapped && swapped !== 'different') return swapped
  return straight ?? swapped
}

function alignment(givenA: string, surnameA: string, givenB: string, surnameB: string, lexicon: Lexicon): {z: number; partial: boolean} | 'different' | undefined {
  const surname = compareTokens(surnameA, surnameB)
  if (!surname.ok) return hardRefusal(surname) ? 'different' : undefined
  let given: number
  if (isInitial(givenA) || isInitial(givenB)) {
    if (foldCached(givenA).charAt(0) !== foldCached(givenB).charAt(0)) return 'different'
    given = 0.2
  } else {
    const match = compareGiven(givenA, givenB, lexicon)
    // Same surname, different given names: two people (Vitali and Wladimir Klitschko).
    if (!match.ok) return 'different'
    given = match.lexicon ? 0.6 : 0.4 + 0.8 * match.closeness
  }
  return {z: surnameZ(surname) + given, partial: false}
}

function surnameZ(match: Extract<TokenComparison, {ok: true}>): number {
  return -1 + 3 * match.closeness + 1.5 * match.rarity
}

function hardRefusal(match: Extract<TokenComparison, {ok: false}>): boolean {
  return match.refusal === 'gender' || match.refusal === 'extension' || match.refusal === 'ending'
}
