#!/usr/bin/env node
/**
 * Part of `npm run build`: expand dictionary-en with nspell once and write
 * the word list the speller reads at run time (see src/core/wordlist.ts),
 * so that no run of unspin pays for the expansion.
 */
import writeFileAtomic from 'write-file-atomic'
import {englishWordList, WORD_LIST} from '../dist/core/speller.js'

writeFileAtomic.sync(WORD_LIST, englishWordList())
