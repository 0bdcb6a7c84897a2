import { DOCUMENT_LANGUAGES, type DocumentLanguage } from '../types.js';
import { de } from './de.js';
import { en } from './en.js';
import { pl } from './pl.js';
import { ro } from './ro.js';
import type { Labels } from './types.js';

export type { Labels } from './types.js';

const LABELS: Record<DocumentLanguage, Labels> = { de, en, pl, ro };

/** de, pl, ro or en from a BCP 47 tag: "de-AT" → de; anything else → en. */
export function documentLanguage(tag: string): DocumentLanguage {
  const base = tag.toLowerCase().split(/[-_]/)[0] as DocumentLanguage;
  return DOCUMENT_LANGUAGES.includes(base) ? base : 'en';
}

export function labelsFor(tag: string): Labels {
  return LABELS[documentLanguage(tag)];
}
