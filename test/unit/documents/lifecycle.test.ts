import fc from 'fast-check';
import { DOCUMENT_STATUSES, type DocumentStatus, LanguageStatus } from '../../../functions/documents/core/document';
import {
  DOCUMENT_MOVES,
  type DocumentMove,
  FINAL,
  LANGUAGE_MOVES,
  type LanguageMove,
  WITHDRAWABLE,
  allowedFrom,
  canMove,
  moveDocument,
  moveLanguage,
  publicationMove,
} from '../../../functions/documents/core/lifecycle';

/** The lifecycle of a document and of its language versions (API.md), as the core rule states it. */

const MOVES = Object.keys(DOCUMENT_MOVES) as DocumentMove[];
const LANGUAGE = Object.keys(LANGUAGE_MOVES) as LanguageMove[];

describe('document lifecycle', () => {
  test('the chain: in translation, in editing, published, printing, completed', () => {
    let status: DocumentStatus | undefined = 'in-translation';
    for (const move of ['request-translation', 'start-editing', 'start-editing', 'request-translation', 'publish', 'start-printing', 'start-printing', 'complete-printing'] as const) {
      status = status && moveDocument(status, move);
    }
    expect(status).toBe('completed');
    expect(moveDocument('in-editing', 'publish-and-complete')).toBe('completed');
  });

  test('withdrawal until publication; failure until the end', () => {
    expect(WITHDRAWABLE).toEqual(['in-translation', 'in-editing']);
    expect(allowedFrom('withdrawn')).toEqual(['in-translation', 'in-editing']);
    expect(allowedFrom('failed')).toEqual(['in-translation', 'in-editing', 'published', 'printing']);
    expect(moveDocument('published', 'withdraw')).toBeUndefined();
  });

  test('the storage conditions the call sites used to write are the rule’s', () => {
    expect(DOCUMENT_MOVES['start-editing'].from).toEqual(['in-translation', 'in-editing']);
    expect(DOCUMENT_MOVES['request-translation'].from).toEqual(['in-translation', 'in-editing']);
    expect(DOCUMENT_MOVES['start-printing'].from).toEqual(['published', 'printing']);
    expect(DOCUMENT_MOVES.publish.from).toEqual(['in-editing']);
    expect(DOCUMENT_MOVES['complete-printing'].from).toEqual(['printing']);
    expect(allowedFrom('in-editing')).toEqual(['in-translation', 'in-editing']);
    expect(allowedFrom('completed')).toEqual(['in-translation', 'in-editing', 'printing', 'completed']);
  });

  test('a document with nothing to translate is published from translation; every other only after editing', () => {
    expect(publicationMove({ targetLanguages: ['fr'], printRun: { copies: 10 } })).toBe('publish');
    expect(publicationMove({ targetLanguages: ['fr'] })).toBe('publish-and-complete');
    expect(publicationMove({ targetLanguages: [], printRun: { copies: 10 } })).toBe('publish-untranslated');
    expect(publicationMove({ targetLanguages: [] })).toBe('publish-untranslated-and-complete');
    expect(moveDocument('in-translation', 'publish')).toBeUndefined();
    expect(moveDocument('in-translation', 'publish-untranslated')).toBe('published');
    expect(moveDocument('in-translation', 'publish-untranslated-and-complete')).toBe('completed');
    expect(moveDocument('published', 'publish-untranslated')).toBeUndefined();
  });

  test('only a document on the record is superseded by its revision, and it keeps its status', () => {
    for (const status of ['published', 'printing', 'completed'] as const) expect(moveDocument(status, 'supersede')).toBe(status);
    for (const status of ['in-translation', 'in-editing', 'withdrawn', 'failed'] as const) expect(moveDocument(status, 'supersede')).toBeUndefined();
  });

  test('completed, withdrawn and failed are final: no move leaves them', () => {
    expect(FINAL).toEqual(['completed', 'withdrawn', 'failed']);
    for (const status of FINAL) for (const to of DOCUMENT_STATUSES.filter((other) => other !== status)) expect(canMove(status, to)).toBe(false);
  });

  test('a published document only goes to printing, completion (through printing) or failure', () => {
    expect(DOCUMENT_STATUSES.filter((to) => canMove('published', to))).toEqual(['published', 'printing', 'failed']);
    expect(DOCUMENT_STATUSES.filter((to) => canMove('printing', to))).toEqual(['printing', 'completed', 'failed']);
  });

  test('property: every status is reachable from submission', () => {
    const reached = new Set<DocumentStatus>(['in-translation']);
    const frontier: DocumentStatus[] = ['in-translation'];
    for (let from = frontier.pop(); from !== undefined; from = frontier.pop()) {
      for (const to of DOCUMENT_STATUSES.filter((candidate) => canMove(from, candidate) && !reached.has(candidate))) {
        reached.add(to);
        frontier.push(to);
      }
    }
    expect([...reached].sort()).toEqual([...DOCUMENT_STATUSES].sort());
  });

  test('property: every sequence of moves from submission stays within the rule', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MOVES), { maxLength: 30 }), (moves) => {
        let status: DocumentStatus = 'in-translation';
        let published = false;
        for (const move of moves) {
          const next = moveDocument(status, move);
          // A move applies exactly when the rule lists the current status among its origins.
          expect(next !== undefined).toBe((DOCUMENT_MOVES[move].from as readonly DocumentStatus[]).includes(status));
          if (next === undefined) continue;
          expect(canMove(status, next)).toBe(true);
          if (next !== status) expect(FINAL.includes(status)).toBe(false);
          // Once on the record, a document is never withdrawn and never back in translation or editing.
          if (published) expect(['in-translation', 'in-editing', 'withdrawn']).not.toContain(next);
          published ||= ['published', 'printing', 'completed'].includes(next);
          status = next;
        }
      }),
    );
  });
});

describe('language version lifecycle', () => {
  test('requested, translated, approved, published; a revision goes back to translation', () => {
    expect(moveLanguage('translation-requested', 'translate')).toBe('translated');
    expect(moveLanguage('translated', 'approve')).toBe('approved');
    expect(moveLanguage('translated', 'revise')).toBe('translation-requested');
    expect(moveLanguage('approved', 'publish')).toBe('published');
  });

  test('a stale callback finds its version moved on: the move does not apply', () => {
    expect(moveLanguage('translated', 'translate')).toBeUndefined();
    expect(moveLanguage('approved', 'approve')).toBeUndefined();
    expect(moveLanguage('translation-requested', 'revise')).toBeUndefined();
  });

  test('property: the original never moves, and published is final', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGE), (move) => {
        expect(moveLanguage('original', move)).toBeUndefined();
        expect(moveLanguage('published', move)).toBeUndefined();
      }),
    );
  });

  test('property: every move leads to a language status, from exactly one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LANGUAGE), fc.constantFrom(...LanguageStatus.options), (move, from) => {
        const to = moveLanguage(from, move);
        expect(to === undefined).toBe(LANGUAGE_MOVES[move].from !== from);
        if (to !== undefined) expect(LanguageStatus.options).toContain(to);
      }),
    );
  });
});
