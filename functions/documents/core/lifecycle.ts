import { DOCUMENT_STATUSES, type DocumentStatus, type LanguageStatus } from './document';

/**
 * The lifecycle of a document and of its language versions, as data: each move names the
 * statuses it may start from and the status it leads to. The use cases name the move; the
 * store derives its conditional write from here, so a callback, a retried step or a
 * withdrawal racing another can only ever make a move this table allows.
 *
 * in-translation → in-editing → published → printing → completed (API.md); without a print run
 * publication completes the document at once; withdrawal until publication; failure until the
 * end. A move may keep the status (a second editing task, a reissued print job, a revision
 * superseding a published document).
 */
export const DOCUMENT_MOVES = {
  /** An editing task opens: the first one moves the document to editing. */
  'start-editing': { from: ['in-translation', 'in-editing'], to: 'in-editing' },
  /** A translation job opens (first offer, re-offer, revision): the status stays. */
  'request-translation': { from: ['in-translation', 'in-editing'], to: undefined },
  /** Every language approved, a print run to follow. */
  publish: { from: ['in-editing'], to: 'published' },
  /** Every language approved and no print run: published and completed at the same moment. */
  'publish-and-complete': { from: ['in-editing'], to: 'completed' },
  /**
   * A document with no language to translate or edit (a corrigendum of its original alone): it is
   * published from translation as well, once every (that is, no) target language is approved.
   */
  'publish-untranslated': { from: ['in-translation', 'in-editing'], to: 'published' },
  'publish-untranslated-and-complete': { from: ['in-translation', 'in-editing'], to: 'completed' },
  'start-printing': { from: ['published', 'printing'], to: 'printing' },
  'complete-printing': { from: ['printing'], to: 'completed' },
  /** Until publication: after that the document is on the record. */
  withdraw: { from: ['in-translation', 'in-editing'], to: 'withdrawn' },
  /** The pipeline failed (or could not start). */
  fail: { from: ['in-translation', 'in-editing', 'published', 'printing'], to: 'failed' },
  /** A revision of it is published: only a document on the record is superseded; the status stays. */
  supersede: { from: ['published', 'printing', 'completed'], to: undefined },
} as const satisfies Record<string, { from: readonly DocumentStatus[]; to: DocumentStatus | undefined }>;
export type DocumentMove = keyof typeof DOCUMENT_MOVES;

/** The statuses a move may start from. */
export const movableFrom = (move: DocumentMove): readonly DocumentStatus[] => DOCUMENT_MOVES[move].from;

/** Where a move leads from `from`: its status, or `from` for a move that keeps it; `undefined` if the rule does not allow it. */
export function moveDocument(from: DocumentStatus, move: DocumentMove): DocumentStatus | undefined {
  const { from: allowed, to } = DOCUMENT_MOVES[move];
  if (!(allowed as readonly DocumentStatus[]).includes(from)) return undefined;
  return to ?? from;
}

/** Whether any move leads from `from` to `to` (a status kept counts only where a move keeps it). */
export const canMove = (from: DocumentStatus, to: DocumentStatus): boolean =>
  (Object.keys(DOCUMENT_MOVES) as DocumentMove[]).some((move) => moveDocument(from, move) === to);

/** The statuses some move leads to `to` from. */
export const allowedFrom = (to: DocumentStatus): DocumentStatus[] => DOCUMENT_STATUSES.filter((from) => canMove(from, to));

/** No move leads away from these (one may keep them): the work on the document is over. */
export const FINAL: readonly DocumentStatus[] = DOCUMENT_STATUSES.filter((status) =>
  (Object.keys(DOCUMENT_MOVES) as DocumentMove[]).every((move) => [undefined, status].includes(moveDocument(status, move))),
);

/** How a document whose every target language is approved is published: with or without a print run to follow. */
export function publicationMove(document: { targetLanguages: readonly unknown[]; printRun?: unknown }): DocumentMove {
  const untranslated = document.targetLanguages.length === 0;
  if (document.printRun !== undefined) return untranslated ? 'publish-untranslated' : 'publish';
  return untranslated ? 'publish-untranslated-and-complete' : 'publish-and-complete';
}

/** A withdrawal is possible until publication: after that the document is on the record. */
export const WITHDRAWABLE: readonly DocumentStatus[] = movableFrom('withdraw');

/**
 * A target language version: requested → translated → approved → published; a revision sends
 * it back to translation (API.md). `original` never moves. A callback's change applies only
 * while its version is where the move starts from (not a stale callback for it).
 */
export const LANGUAGE_MOVES = {
  translate: { from: 'translation-requested', to: 'translated' },
  approve: { from: 'translated', to: 'approved' },
  revise: { from: 'translated', to: 'translation-requested' },
  publish: { from: 'approved', to: 'published' },
} as const satisfies Record<string, { from: LanguageStatus; to: LanguageStatus }>;
export type LanguageMove = keyof typeof LANGUAGE_MOVES;

/** Where a language move leads from `from`; `undefined` if the rule does not allow it. */
export function moveLanguage(from: LanguageStatus, move: LanguageMove): LanguageStatus | undefined {
  const { from: allowed, to } = LANGUAGE_MOVES[move];
  return from === allowed ? to : undefined;
}
