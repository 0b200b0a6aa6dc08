/**
 * Candidate pairs without comparing all pairs: names meet only when they
 * share a blocking key, the coarse consonant skeleton of a token or that
 * skeleton with one letter deleted (a deletion neighbourhood, as in
 * SymSpell), so one transliteration difference in the consonants still
 * meets. An oversized bucket (a common skeleton in a huge list) is
 * compared within a sliding window of its sorted members instead of all
 * against all, which keeps the work near-linear.
 */
import {skeleton} from './fold.js'
import {memoize} from '../core/memo.js'

/** Members compared all against all in one bucket; larger buckets use the window. */
const BUCKET_LIMIT = 64
const WINDOW = 24

/** Keys are pure in the folded token, which repeats across files: remember them. */
export const blockingKeys: (folded: string) => readonly string[] = memoize(computeKeys)

function computeKeys(folded: string): string[] {
  const bones = skeleton(folded)
  if (bones.length < 3) return [`=${folded}`, `s${bones}`]
  const keys = [`s${bones}`]
  for (let index = 0; index < bones.length; index++) {
    keys.push(`d${bones.slice(0, index)}${bones.slice(index + 1)}`)
  }
  return keys
}

/**
 * Pairs of items sharing a key, flat: `[i0, j0, i1, j1, ...]`, i < j in
 * each (a large corpus meets some 90,000 pairs, and a tuple each was the
 * larger part of making them; small integers in one array cost none). `sortKey` orders members of an oversized
 * bucket so near spellings sit next to each other. With `among`, only the
 * pairs of items it accepts (see `Blocks.pairs`).
 */
export function candidatePairs(keysOf: ReadonlyArray<readonly string[]>, sortKey: (index: number) => string, among?: (index: number) => boolean): number[] {
  return new Blocks(keysOf, sortKey).pairs(among)
}

/**
 * The buckets of `candidatePairs`, built once for asking pairs of several
 * sets of items (a corpus pass asks for links, then cannot-links).
 */
export class Blocks {
  private readonly keysOf: ReadonlyArray<readonly string[]>
  private readonly buckets = new Map<string, number[]>()
  /** An oversized bucket in sortKey order, and where each member stands in it: only neighbours pair there. */
  private readonly sorted = new Map<number[], {order: number[]; rank: Map<number, number>}>()

  constructor(keysOf: ReadonlyArray<readonly string[]>, sortKey: (index: number) => string) {
    this.keysOf = keysOf
    for (let index = 0; index < keysOf.length; index++) {
      const keys = keysOf[index]!
      for (let at = 0; at < keys.length; at++) {
        const bucket = this.buckets.get(keys[at]!)
        // Items come in order, so a key an item lists twice is its own last member.
        if (!bucket) this.buckets.set(keys[at]!, [index])
        else if (bucket[bucket.length - 1] !== index) bucket.push(index)
      }
    }
    for (const members of this.buckets.values()) {
      if (members.length <= BUCKET_LIMIT) continue
      const order = [...members].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a - b))
      this.sorted.set(members, {order, rank: new Map(order.map((member, rank) => [member, rank]))})
    }
  }

  /**
   * Each item gathers its partners from its own buckets, and a mark per item
   * (the last item that took it as a partner) drops a partner met in a
   * second bucket: the pairs come out once each without a set of all pairs,
   * which cost more to fill than the rest of the work (a corpus pass runs
   * once, so this code is never warm).
   *
   * With `among`, only the pairs of items it accepts: the same pairs as of
   * all items, less those with an item it refuses (the buckets still hold
   * every item, so an oversized bucket's neighbours stay the same).
   */
  pairs(among?: (index: number) => boolean): number[] {
    const count = this.keysOf.length
    const pairs: number[] = []
    const accepted = Uint8Array.from({length: count}, (_, index) => (among && !among(index) ? 0 : 1))
    const taken = new Int32Array(count).fill(-1)
    const take = (index: number, other: number) => {
      if (other <= index || taken[other] === index || accepted[other] === 0) return
      taken[other] = index
      pairs.push(index, other)
    }
    for (let index = 0; index < count; index++) {
      if (accepted[index] === 0) continue
      const keys = this.keysOf[index]!
      for (let at = 0; at < keys.length; at++) {
        const members = this.buckets.get(keys[at]!)!
        if (members.length < 2) continue
        const window = this.sorted.get(members)
        if (!window) {
          for (let next = 0; next < members.length; next++) take(index, members[next]!)
          continue
        }
        const rank = window.rank.get(index)!
        const last = Math.min(window.order.length - 1, rank + WINDOW)
        for (let next = Math.max(0, rank - WINDOW); next <= last; next++) take(index, window.order[next]!)
      }
    }
    return pairs
  }
}

/**
 * Union-find that refuses merges across a cannot-link (two gendered forms,
 * two different given names): A ~ B and B ~ C never put A and C together
 * when A and C are known to differ.
 */
export class Clusters {
  private readonly parent: number[]
  private readonly members: number[][]
  private readonly cannot = new Map<number, Set<number>>()

  constructor(size: number) {
    this.parent = Array.from({length: size}, (_, index) => index)
    this.members = Array.from({length: size}, (_, index) => [index])
  }

  find(index: number): number {
    let root = index
    while (this.parent[root] !== root) root = this.parent[root]!
    while (this.parent[index] !== root) {
      const next = this.parent[index]!
      this.parent[index] = root
      index = next
    }
    return root
  }

  forbid(a: number, b: number): void {
    this.refuse(a, b)
    this.refuse(b, a)
  }

  private refuse(from: number, to: number): void {
    const set = this.cannot.get(from)
    if (set) set.add(to)
    else this.cannot.set(from, new Set([to]))
  }

  /** How many items are in the cluster of this one. */
  size(index: number): number {
    return this.members[this.find(index)]!.length
  }

  /** Would merging the clusters of a and b join two items that must stay apart? */
  conflicts(a: number, b: number): boolean {
    const left = this.find(a)
    const right = this.find(b)
    if (left === right) return false
    const [small, large] = this.members[left]!.length <= this.members[right]!.length ? [left, right] : [right, left]
    for (const member of this.members[small]!) {
      const refused = this.cannot.get(member)
      if (!refused) continue
      for (const other of refused) if (this.find(other) === large) return true
    }
    return false
  }

  /** Merge unless that would break a cannot-link; true when merged (or already one). */
  union(a: number, b: number): boolean {
    const left = this.find(a)
    const right = this.find(b)
    if (left === right) return true
    if (this.conflicts(left, right)) return false
    const [small, large] = this.members[left]!.length <= this.members[right]!.length ? [left, right] : [right, left]
    this.parent[small] = large
    for (const member of this.members[small]!) this.members[large]!.push(member)
    this.members[small] = []
    return true
  }

  groups(): number[][] {
    return this.members.filter((group) => group.length > 0)
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z))
}
