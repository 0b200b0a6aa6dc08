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
 * bucket so near spellings sit next to each other.
 */
export function candidatePairs(keysOf: ReadonlyArray<readonly string[]>, sortKey: (index: number) => string): number[] {
  const buckets = new Map<string, number[]>()
  keysOf.forEach((keys, index) => {
    for (const key of new Set(keys)) {
      const bucket = buckets.get(key)
      if (bucket) bucket.push(index)
      else buckets.set(key, [index])
    }
  })
  const seen = new Set<number>()
  const pairs: number[] = []
  const count = keysOf.length
  const add = (a: number, b: number) => {
    if (a === b) return
    const low = Math.min(a, b)
    const high = Math.max(a, b)
    const id = low * count + high
    if (seen.has(id)) return
    seen.add(id)
    pairs.push(low, high)
  }
  for (const members of buckets.values()) {
    if (members.length < 2) continue
    if (members.length <= BUCKET_LIMIT) {
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) add(members[i]!, members[j]!)
      }
      continue
    }
    const sorted = [...members].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : a - b))
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < Math.min(sorted.length, i + 1 + WINDOW); j++) add(sorted[i]!, sorted[j]!)
    }
  }
  return pairs
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
