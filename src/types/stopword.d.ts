// stopword's English list on its own (the package's entry holds 62
// languages: 237 kB to load and parse at every start, for one list).
declare module 'stopword/src/stopwords_eng.js' {
  export const eng: string[]
}
