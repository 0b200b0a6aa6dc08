/**
 * Which spelling wins. The house registry first; else a configured
 * romanisation preference; else the majority (files using a spelling
 * first, then mentions), ties broken by the spelling English dictionaries
 * know (Alexander), then by the spelling an English text would print
 * (no letters outside ASCII, no apostrophe inside a word, no German sch or
 * Polish cz: Dostoevsky, not Dostoïevski or Dostojewski; Khamenei, not
 * Khamene'i), then by the spelling closest to all the others (of Gaddafi,
 * Qaddafi, Gadhafi and Khadafy, Gaddafi: the form the variants are variants
 * of), then by how English the spelling looks otherwise, then
 * alphabetically, so the choice never depends on input order. A list of
 * variants, each written once, is decided by these alone.
 */

export const ROMANISATIONS = ['en', 'de', 'fr', 'pl', 'nl', 'national'] as const
export type Romanisation = (typeof ROMANISATIONS)[number]

export function isRomanisation(value: string): value is Romanisation {
  return (ROMANISATIONS as readonly string[]).includes(value)
}

type Markers = Array<[RegExp, number]>

/** Letter groups that give a romanisation away, with how strongly. */
const MARKERS: Record<Romanisation, Markers> = {
  // English-language newsrooms, BGN/PCGN: kh, zh, sh, shch, ts, ch, y for й/ы.
  en: [
    [/kh|zh|shch|sh(?!ch)|ts|y/g, 1],
    // Belarusian -ouski for -ovsky; the ou of Mahmoud, Rouhani, Youssef is the English press's own.
    [/sch|tsch|cz|sz|w|j|ou(?=sk)|ŭ|[čšžćśżźłř]/g, -1.5]
  ],
  de: [
    [/sch|tsch|w|j|ch/g, 1],
    [/kh|zh|sh|ts(?!ch)|cz|sz|y(?![aeiou])/g, -1]
  ],
  fr: [
    [/tch|kh|ou|ï|j/g, 1],
    [/sch|w|cz|sz|zh/g, -1]
  ],
  pl: [
    [/cz|sz|szcz|ch|w|j|[żłśćź]/g, 1],
    [/kh|zh|sh|ts|sch/g, -1]
  ],
  nl: [
    [/tsj|sj|zj|ch|j|oe/g, 1],
    [/kh|zh|sh|sch|w|cz/g, -1]
  ],
  // Ukrainian (2010) and Belarusian national systems: kh, zh, ts, ch, sh, ia, iu, ie, u for ў.
  national: [
    [/kh|zh|ts|ch|sh|ia|iu|ie|yi|ou(?=[^aeiouy]|$)|au(?=[^aeiouy]|$)|eu(?=[^aeiouy]|$)|dz/g, 1],
    [/sch|tsch|cz|sz|w|ya|yu|ye|j|ov(?=[^aeiouy]|$)/g, -1]
  ]
}

export function romanisationScore(spelling: string, system: Romanisation): number {
  const lower = spelling.toLowerCase()
  let score = 0
  for (const [pattern, weight] of MARKERS[system]) {
    pattern.lastIndex = 0
    const matches = lower.match(pattern)
    if (matches) score += weight * matches.length
  }
  return score
}

export interface Candidate {
  spelling: string
  /** Number of files using this spelling. */
  files: number
  /** Number of mentions. */
  mentions: number
  /** Number of name tokens (a full name beats a bare surname in lists). */
  tokens?: number
  /** Pinned by the house registry. */
  registry?: boolean
}

export interface ChooseOptions {
  prefer?: Romanisation
  /** The spelling is an English dictionary word as written. */
  knows?: (spelling: string) => boolean
}

/**
 * What broke a tie of files and mentions, in `compare`'s order: the English
 * dictionary, another romanisation's marks (Zelenskyj, Zelenskyy), closeness
 * to the other spellings, the English romanisation (Dostoevski,
 * Dostoyevsky), or, when nothing else did, the alphabet, which says nothing
 * of which spelling is right (Hamermill or Hammermill).
 */
export type TieBreak = 'dictionary' | 'foreign' | 'central' | 'romanisation' | 'alphabet'

/** The winning spelling and why it won (and, for a tie, what broke it). */
export function choose(
  candidates: readonly Candidate[],
  options: ChooseOptions = {}
): {winner: Candidate; by: 'registry' | 'preference' | 'majority' | 'tie'; broken?: TieBreak} {
  // Worked out only if a tie reaches it: most clusters are decided by their mentions.
  let central: Map<Candidate, number> | undefined
  const centralOf = (candidate: Candidate) => (central ??= centrality(candidates)).get(candidate) ?? 0
  const ranked = [...candidates].sort((a, b) => compare(a, b, options, centralOf))
  const winner = ranked[0]!
  const second = ranked[1]
  let by: 'registry' | 'preference' | 'majority' | 'tie' = 'majority'
  if (winner.registry) by = 'registry'
  else if (options.prefer && second && romanisationScore(winner.spelling, options.prefer) > romanisationScore(second.spelling, options.prefer)) by = 'preference'
  else if (second && winner.files === second.files && winner.mentions === second.mentions && (winner.tokens ?? 1) === (second.tokens ?? 1)) {
    return {winner, by: 'tie', broken: tieBreak(winner, second, options, centralOf)}
  }
  return {winner, by}
}

function compare(a: Candidate, b: Candidate, options: ChooseOptions, centralOf: (candidate: Candidate) => number): number {
  if (Boolean(a.registry) !== Boolean(b.registry)) return a.registry ? -1 : 1
  if (options.prefer) {
    const difference = romanisationScore(b.spelling, options.prefer) - romanisationScore(a.spelling, options.prefer)
    if (difference !== 0) return difference
  }
  return (
    (b.tokens ?? 1) - (a.tokens ?? 1) ||
    b.files - a.files ||
    b.mentions - a.mentions ||
    Number(options.knows?.(b.spelling) ?? false) - Number(options.knows?.(a.spelling) ?? false) ||
    foreignLook(a.spelling) - foreignLook(b.spelling) ||
    centralOf(b) - centralOf(a) ||
    romanisationScore(b.spelling, 'en') - romanisationScore(a.spelling, 'en') ||
    (a.spelling < b.spelling ? -1 : a.spelling > b.spelling ? 1 : 0)
  )
}

/** Which of `compare`'s tie-breaks told two candidates of equal counts apart. */
function tieBreak(a: Candidate, b: Candidate, options: ChooseOptions, centralOf: (candidate: Candidate) => number): TieBreak {
  if (Number(options.knows?.(b.spelling) ?? false) !== Number(options.knows?.(a.spelling) ?? false)) return 'dictionary'
  if (foreignLook(a.spelling) !== foreignLook(b.spelling)) return 'foreign'
  if (centralOf(b) !== centralOf(a)) return 'central'
  if (romanisationScore(b.spelling, 'en') !== romanisationScore(a.spelling, 'en')) return 'romanisation'
  return 'alphabet'
}

/** Letters outside ASCII, apostrophes inside a word, and the letter groups English romanisation avoids. */
const FOREIGN = /[^\x00-\x7f]|\p{L}['’]\p{L}|sch|cz|sz|w|j/gu

/** How many marks of a romanisation other than English's a spelling carries (0 for Gaddafi, 2 for Dostojewski). */
function foreignLook(spelling: string): number {
  return spelling.toLowerCase().match(FOREIGN)?.length ?? 0
}

/** Clusters larger than this are ranked without centrality (its cost grows with the square). */
const CENTRALITY_LIMIT = 200

/**
 * How close each spelling is to the others, weighted by their mentions: the
 * sum of 1 − edit distance ÷ length, rounded so that sums equal in all but
 * floating-point noise count as a tie.
 */
function centrality(candidates: readonly Candidate[]): Map<Candidate, number> {
  const central = new Map<Candidate, number>()
  if (candidates.length < 3 || candidates.length > CENTRALITY_LIMIT) return central
  const lower = candidates.map((candidate) => candidate.spelling.toLowerCase())
  candidates.forEach((candidate, index) => {
    let sum = 0
    candidates.forEach((other, at) => {
      if (at === index) return
      const longest = Math.max(lower[index]!.length, lower[at]!.length)
      sum += other.mentions * (1 - editDistance(lower[index]!, lower[at]!) / longest)
    })
    central.set(candidate, Math.round(sum * 1e6) / 1e6)
  })
  return central
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length]!
}
