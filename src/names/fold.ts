/**
 * Reverse transliteration: fold every romanisation of a Cyrillic name
 * (English BGN/PCGN, German, French, Polish, Dutch, the Belarusian and
 * Ukrainian national systems) onto one phonetic spelling, so that
 * Tsikhanouskaya, Zichanouskaja and Cichanoŭskaja become close strings and
 * a weighted edit distance can say how close.
 *
 * The folded alphabet is lower-case Latin plus one upper-case symbol per
 * Cyrillic sound that the systems spell differently:
 *
 *   C  ч  ch (en) / tsch (de) / tch (fr) / cz (pl) / tsj (nl) / č
 *   S  ш  sh / sch / ch (fr) / sz / sj / š
 *   Q  щ  shch / schtsch / szcz / šč
 *   Z  ж  zh / ž / ż / zj
 *   T  ц  ts / tz / c / z (de)
 *   X  х  kh / ch (de, pl, nl) / h (de) / x (cs)
 *   V  ў and the u/v/w after a vowel (ou ~ ov ~ ow ~ oŭ)
 *
 * y, j, ï and i all fold to i (so ya ~ ia ~ ja, yu ~ iu ~ ju, the final
 * -y ~ -iy ~ -ii ~ -yi ~ -yy ~ -ij ~ -yj all end in one i), doubled letters
 * collapse, apostrophes for soft signs vanish. What folding cannot settle
 * (z is ц in German but з elsewhere, g ~ h for Г, ts ~ t for Belarusian
 * Ц from Russian Т) is left to the substitution costs in `distance`.
 */

/** Letters whose diacritic carries a sound of its own: map them before stripping marks. */
const SPECIAL: Record<string, string> = {
  č: 'C', ć: 'C', ĉ: 'C',
  š: 'S', ś: 'S', ŝ: 'S',
  ž: 'Z', ż: 'Z',
  ź: 'z',
  ŭ: 'V', ў: 'V',
  ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'e', ð: 'd', þ: 't',
  ï: 'i', ÿ: 'i', ë: 'e', ё: 'e',
  ŷ: 'i'
}

// Longest first: each rewrite runs on the output of the previous ones.
const REWRITES: Array<[RegExp, string]> = [
  [/Sč|SC|schtsch|sztsch|shtsh|shch|szcz|sjtsj/g, 'Q'],
  [/tsch|tsj|tch|cz/g, 'C'],
  [/sch|sh|sz|sj/g, 'S'],
  [/zh|zj/g, 'Z'],
  // Belarusian дз is Russian д: Dzmitry ~ Dmitry.
  [/dz/g, 'd'],
  [/kh|ch/g, 'X'],
  // German ck is k; a final Polish -ck is ц + k (Donieck).
  [/ck(?!$)/g, 'k'],
  [/x/g, 'ks'],
  [/ph/g, 'f'],
  [/th/g, 't'],
  [/qu/g, 'kv'],
  [/q/g, 'k'],
  [/ts|tz|c/g, 'T'],
  [/w/g, 'v'],
  [/[yj]/g, 'i'],
  // Belarusian ў and the Russian в it stands for, after a vowel and before a consonant or the end.
  [/(?<=[aeiou])[uv](?=[^aeiouV]|$)/g, 'V'],
  [/(?<=[aeiou])V(?=[aeiou])/g, 'v'],
  // ё is yo, io or e: Artyom ~ Artsiom ~ Artem, Fyodor ~ Fiodor ~ Fedor, Mahiliou ~ Mahilyow.
  [/(?<=[^aeiou])io(?=[^aeiou]|$)/g, 'e'],
  // е/є after a consonant or at the start: e ~ ye ~ je ~ ie.
  [/ie/g, 'e'],
  // Russian feminine -aya ~ Ukrainian/Polish -a (Zelenskaya ~ Zelenska).
  [/(?<=(?:sk|Tk|n|v|z)a)ia$/g, '']
]

export const VOWELS = new Set(['a', 'e', 'i', 'o', 'u'])

/**
 * The folded spelling of one name token: case, diacritics, apostrophes and
 * the transliteration systems' differences gone.
 */
export function fold(token: string): string {
  let value = token.toLowerCase().replace(ARTICLE, '')
  // Most names are ASCII, which has no letter with a mark to map or strip.
  if (!ASCII.test(value)) {
    let mapped = ''
    for (const char of value) {
      const special = SPECIAL[char]
      if (special !== undefined) mapped += special
      else mapped += char
    }
    value = mapped.normalize('NFD').replace(/\p{M}/gu, '')
  }
  // Soft signs, hyphens and anything not a letter carry no sound of their own.
  value = value.replace(/[^a-zA-Z]/g, '')
  for (const [pattern, replacement] of REWRITES) value = value.replace(pattern, replacement)
  return collapse(value)
}

const ASCII = /^[\x00-\x7f]*$/

/**
 * The Arabic article, which romanisations write or leave out (al-Qaddafi,
 * Qaddafi; el-Sisi, Sisi): only with its hyphen, so that names that merely
 * begin with those letters (Alvarez, Elwood) keep them.
 */
const ARTICLE = /^(?:al|el|ul|ad|ar|as|ash|at|az|an)[-‐]/

/** Doubled letters are one sound (Shraibman ~ Schraibmann, Zelenskyy ~ Zelensky). */
function collapse(value: string): string {
  let result = ''
  let last = ''
  for (const char of value) {
    if (char !== last) result += char
    last = char
  }
  return result
}

/** Coarse classes for blocking: every sibilant is s, every h-like sound h, vowels go. */
const COARSE: Record<string, string> = {
  C: 's', S: 's', Q: 's', Z: 's', T: 's', z: 's',
  X: 'h', g: 'h',
  V: 'v', f: 'v', b: 'p', d: 't'
}

/** The consonant skeleton of a folded token in coarse classes (blocking key material). */
export function skeleton(folded: string): string {
  let result = ''
  for (const char of folded) {
    if (VOWELS.has(char)) continue
    const mapped = COARSE[char] ?? char
    if (mapped !== result.charAt(result.length - 1)) result += mapped
  }
  return result
}

/**
 * Substitution costs between folded symbols that transliteration systems
 * confuse. A consonant pair that is not listed is a different name
 * (Minsk / Pinsk), never a spelling variant.
 */
const NEAR: Record<string, number> = {}
function near(a: string, b: string, cost: number) {
  NEAR[a + b] = cost
  NEAR[b + a] = cost
}
near('T', 'z', 0.3) // German Z is ц: Zichanouskaya ~ Tsikhanouskaya
near('T', 't', 0.45) // Belarusian Ц from Russian Т: Tsikhanouskaya ~ Tikhanovskaya
near('T', 'C', 0.4)
near('T', 's', 0.5)
near('z', 's', 0.35) // German S is з: Selenskyj ~ Zelensky
near('Z', 'z', 0.45)
near('Z', 'S', 0.35) // German sch is both ш and ж
near('Z', 'i', 0.5) // French/Polish j is ж in French, й elsewhere
near('S', 'Q', 0.3)
near('C', 'Q', 0.35)
near('S', 'C', 0.4) // French ch is ш, English ch is ч
near('X', 'C', 0.25) // ch: х in German, ч in English (Gorbachev ~ Gorbatschow)
near('X', 'S', 0.45)
near('X', 'h', 0.2)
near('h', 'g', 0.3) // Г: Belarusian/Ukrainian h, Russian g
near('X', 'g', 0.45)
near('X', 'k', 0.5)
near('V', 'v', 0.25)
near('V', 'u', 0.3)
near('V', 'f', 0.5)
near('v', 'f', 0.5) // -ov ~ -off, -ow
near('v', 'u', 0.4)
near('d', 't', 0.7)
near('i', 'e', 0.35) // Kyiv ~ Kiev, Dzmitry ~ Dmitri
near('i', 'o', 0.5) // Ukrainian і for Russian о: Lviv ~ Lvov, Kharkiv ~ Kharkov
near('a', 'o', 0.45) // Belarusian akanye: Lukashenka ~ Lukashenko, Hrodna ~ Grodno
near('e', 'a', 0.45) // Belarusian я for е: Sviatlana ~ Svetlana
near('i', 'a', 0.5)
near('e', 'o', 0.5)
near('i', 'u', 0.5)
near('o', 'u', 0.5)
near('e', 'u', 0.6)
near('a', 'u', 0.6)

/** Insertions and deletions that transliterations produce; other consonants are hard edits. */
const SOFT_INDEL: Record<string, number> = {
  a: 0.55, e: 0.5, i: 0.4, o: 0.55, u: 0.55,
  h: 0.5, // Hanna ~ Anna, Mikhail ~ Mikail
  d: 0.6, // Belarusian дз: Dzmitry ~ Dmitry (with T ~ t for the z)
  V: 0.4,
  v: 0.6,
  T: 0.6 // Artsiom ~ Artyom
}

/** Cost of an edit that no transliteration explains. */
export const HARD = 1

export interface Distance {
  /** Weighted edit distance. */
  cost: number
  /** Edits no transliteration system explains (different consonants). */
  hard: number
}

/**
 * Weighted Levenshtein distance between two folded tokens, counting the
 * hard edits separately so callers can refuse Minsk / Pinsk outright.
 * Quadratic in the token length, which is at most a few dozen letters.
 */
export function distance(a: string, b: string): Distance {
  return distanceWithin(a, b, Infinity)!
}

/**
 * `distance`, or `undefined` as soon as it must exceed `limit`: once every
 * cell of a row costs more, so does the end. A corpus pass measures tens of
 * thousands of pairs that share a blocking key, and most are far apart
 * within a few letters.
 */
export function distanceWithin(a: string, b: string, limit: number): Distance | undefined {
  if (a === b) return {cost: 0, hard: 0}
  const columns = b.length + 1
  if (columns > scratch.columns) scratch = newScratch(columns * 2)
  let {previous, previousHard, current, currentHard} = scratch
  const {rightCodes, rightIndels} = scratch
  previous[0] = 0
  previousHard[0] = 0
  for (let j = 1; j < columns; j++) {
    const code = b.charCodeAt(j - 1)
    const indel = code < 128 ? INDEL_ASCII[code]! : indelCost(b.charAt(j - 1))
    rightCodes[j] = code
    rightIndels[j] = indel
    previous[j] = previous[j - 1]! + indel
    previousHard[j] = previousHard[j - 1]! + (indel >= HARD ? 1 : 0)
  }
  for (let i = 1; i <= a.length; i++) {
    const leftCode = a.charCodeAt(i - 1)
    const leftIndel = leftCode < 128 ? INDEL_ASCII[leftCode]! : indelCost(a.charAt(i - 1))
    current[0] = previous[0]! + leftIndel
    currentHard[0] = previousHard[0]! + (leftIndel >= HARD ? 1 : 0)
    let least = current[0]!
    for (let j = 1; j < columns; j++) {
      const rightCode = rightCodes[j]!
      const substitution =
        leftCode === rightCode ? 0 : leftCode < 128 && rightCode < 128 ? NEAR_ASCII[leftCode * 128 + rightCode]! : nearCost(a.charAt(i - 1), b.charAt(j - 1))
      let best = previous[j - 1]! + substitution
      let hard = previousHard[j - 1]! + (substitution >= HARD ? 1 : 0)
      const deletion = previous[j]! + leftIndel
      if (deletion < best) {
        best = deletion
        hard = previousHard[j]! + (leftIndel >= HARD ? 1 : 0)
      }
      const rightIndel = rightIndels[j]!
      const insertion = current[j - 1]! + rightIndel
      if (insertion < best) {
        best = insertion
        hard = currentHard[j - 1]! + (rightIndel >= HARD ? 1 : 0)
      }
      current[j] = best
      currentHard[j] = hard
      if (best < least) least = best
    }
    if (least > limit) return undefined
    ;[previous, current] = [current, previous]
    ;[previousHard, currentHard] = [currentHard, previousHard]
  }
  return {cost: previous[b.length]!, hard: previousHard[b.length]!}
}

/**
 * The rows of `distance`, and its second token's codes and costs (looked up
 * once per character rather than once per cell), kept between calls: a
 * corpus compares hundreds of thousands of pairs, and six arrays a call
 * were most of what a short pair cost. Grown when a longer token comes.
 */
function newScratch(columns: number) {
  return {
    columns,
    previous: new Float64Array(columns),
    previousHard: new Uint8Array(columns),
    current: new Float64Array(columns),
    currentHard: new Uint8Array(columns),
    rightCodes: new Uint16Array(columns),
    rightIndels: new Float64Array(columns)
  }
}

let scratch = newScratch(64)

function indelCost(char: string): number {
  return SOFT_INDEL[char] ?? HARD
}

function nearCost(left: string, right: string): number {
  return NEAR[left + right] ?? HARD
}

// `indelCost` and `nearCost` of ASCII characters as tables: `distance`
// asks for one of each per cell, and joining two characters into a key and
// hashing it cost more than the rest of the cell.
const INDEL_ASCII = Float64Array.from({length: 128}, (_, code) => indelCost(String.fromCharCode(code)))
const NEAR_ASCII = Float64Array.from({length: 128 * 128}, (_, at) => nearCost(String.fromCharCode(at >> 7), String.fromCharCode(at & 127)))
