/**
 * Is this the same name spelled another way? Token against token after
 * folding, with the guards that keep different people and places apart:
 * gendered forms (Tsikhanouski / Tsikhanouskaya, Navalny / Navalnaya),
 * longer forms (Ukrainian / Ukrainians, Aleksandr / Aleksandra), consonants
 * no transliteration explains (Minsk / Pinsk, Kavaleuski / Kalinouski).
 */
import {memoize, memoizePair} from '../core/memo.js'
import {distance, distanceWithin, fold, VOWELS} from './fold.js'
import type {Lexicon} from './lexicon.js'

export type Refusal = 'gender' | 'extension' | 'ending' | 'different' | 'too-far' | 'too-short'

export interface TokenMatch {
  ok: true
  /** Weighted edit distance of the folded forms (0: they fold to one spelling). */
  cost: number
  /** 1 when the folded forms are equal, falling to 0 at the largest distance accepted. */
  closeness: number
  /** How unlikely two different names are to fold this close, from the length: 0..1. */
  rarity: number
  /** Tied by the given-name lexicon rather than by spelling. */
  lexicon?: boolean
}

export interface TokenMismatch {
  ok: false
  refusal: Refusal
}

export type TokenComparison = TokenMatch | TokenMismatch

/** Folding is pure and names repeat: remember it. */
export const foldCached = memoize(fold)

/** The largest weighted distance accepted between folded tokens of this length. */
export function maxCost(length: number): number {
  // Short names leave no room: Kim / Kem, Lida / Lada are different names.
  if (length < 4) return 0
  return Math.min(1.2, 0.1 * length + 0.05)
}

export function rarity(length: number): number {
  return Math.min(1, Math.max(0, (length - 3) / 7))
}

/** Compare two name tokens (surnames, place names, or given names spelled alike). */
export function compareTokens(a: string, b: string): TokenComparison {
  return compareFolded(foldCached(a), foldCached(b))
}

/**
 * Comparisons are pure and the same pairs recur in every file (registry
 * forms, names a corpus shares): remember them. Results are never mutated.
 */
export const compareFolded: (left: string, right: string) => TokenComparison = memoizePair(compareFoldedOnce)

function compareFoldedOnce(left: string, right: string): TokenComparison {
  const length = Math.max(left.length, right.length)
  if (left === right) return matched(0, length)
  const refusal = quickRefusal(left, right)
  if (refusal) return {ok: false, refusal}
  const measured = distance(left, right)
  if (measured.hard > 0) return {ok: false, refusal: 'different'}
  if (measured.cost > maxCost(length)) return {ok: false, refusal: 'too-far'}
  return matched(measured.cost, length)
}

/** A match at this distance between folded tokens, the longer of this length. */
function matched(cost: number, length: number): TokenMatch {
  return {ok: true, cost, closeness: 1 - cost / (maxCost(length) + 0.3), rarity: rarity(length)}
}

/**
 * `compareFolded` for a pair met once that only needs telling whether it
 * links: the match, or `undefined` for any refusal, whose reason is not
 * worked out. A corpus pass compares each of its candidate pairs once
 * (remembering some 20,000 verdicts no one asks for again cost more than
 * measuring them), and the distance is measured only until it must exceed
 * the limit: most pairs that share a blocking key are far apart within a
 * few letters.
 */
export function matchFolded(left: string, right: string): TokenMatch | undefined {
  const length = Math.max(left.length, right.length)
  if (left === right) return matched(0, length)
  if (quickRefusal(left, right)) return undefined
  const limit = maxCost(length)
  const measured = distanceWithin(left, right, limit)
  if (!measured || measured.hard > 0 || measured.cost > limit) return undefined
  return matched(measured.cost, length)
}

/**
 * Why two different folded tokens cannot be one name, found without
 * measuring their distance (lengths, a shared start, the last letters), or
 * `undefined` if only the distance can tell. Cheap and not remembered: a
 * corpus of many names meets far more pairs than it links, and most stop
 * here.
 */
export function quickRefusal(left: string, right: string): Refusal | undefined {
  const length = Math.max(left.length, right.length)
  if (Math.min(left.length, right.length) < 3) return 'too-short'
  if (left.startsWith(right) || right.startsWith(left)) return 'extension'
  const endLeft = left.charAt(left.length - 1)
  const endRight = right.charAt(right.length - 1)
  if (endLeft !== endRight) {
    if ((endLeft === 'a') !== (endRight === 'a')) {
      // Belarusian -enka for Russian -enko (Lukashenka) is not a gender.
      const akanye = (endLeft === 'o' || endRight === 'o') && length >= 7
      if (!akanye) return 'gender'
    } else if (VOWELS.has(endLeft) && VOWELS.has(endRight)) {
      return 'ending'
    }
  }
  const limit = maxCost(length)
  if (limit === 0) return 'too-short'
  // Every letter of length difference costs at least 0.4.
  if (Math.abs(left.length - right.length) * 0.4 > limit) return 'too-far'
  return undefined
}

/** Given names: the same form after folding, a close spelling, or one name in the lexicon. */
export function compareGiven(a: string, b: string, lexicon: Lexicon): TokenComparison {
  const spelled = compareTokens(a, b)
  if (spelled.ok) return spelled
  if (lexicon.same(a, b)) {
    const length = Math.max(foldCached(a).length, foldCached(b).length)
    return {ok: true, cost: 1, closeness: 0.5, rarity: rarity(length), lexicon: true}
  }
  return spelled
}

/** An initial ("A.", "A") agrees with a given name starting with that letter. */
export function isInitial(token: string): boolean {
  return /^\p{Lu}\.?$/u.test(token)
}
