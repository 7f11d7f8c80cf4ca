import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, ifConditionHolds } from '../../shared/aws/conditional';
import type { StoreOptions } from '../../shared/aws/dynamo';
import { type Page, queryAll, queryPage } from '../../shared/aws/paging';
import { updateExpression } from '../../shared/aws/update-expression';
import { Conflict } from '../../shared/errors';
import type { Corrigendum, DocumentRecord, DocumentStatus, LanguageVersion } from '../core/document';
import { DOCUMENT_MOVES, type DocumentMove, LANGUAGE_MOVES, LANGUAGE_WORK, type LanguageMove } from '../core/lifecycle';
import type { Risk } from '../core/risk-level';
import type { HistoryEvent } from '../core/history';
import type { Language } from '../core/language';

/**
 * Documents table layout (one table, several item kinds):
 * - `doc#<id>` / `document`: the document; sparse GSI keys kind, status, sessionCode, published*
 * - `doc#<id>` / `event#<key>`: its history, one item per event, key derived from the event
 *   so a retried step cannot record it twice
 * - `symbol#<symbol>` / `symbol`: the uniqueness guard of a symbol among live documents
 */
const docKey = (id: string) => ({ pk: `doc#${id}`, sk: 'document' });
const symbolKey = (symbol: string) => ({ pk: `symbol#${symbol}`, sk: 'symbol' });

const STORAGE_ONLY = ['pk', 'sk', 'kind', 'sessionCode', 'publishedKind', 'publishedSession'] as const;

function toRecord(item: Record<string, unknown>): DocumentRecord {
  const record = { ...item };
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a fixed list of storage-only attributes, not a map
  for (const key of STORAGE_ONLY) delete record[key];
  return record as DocumentRecord;
}

function indexKeys(document: DocumentRecord) {
  return { kind: 'document', ...(document.session ? { sessionCode: document.session.code } : {}) };
}

export interface DocumentChange {
  /** The lifecycle move this change makes (core/lifecycle): it applies only from the statuses the rule allows. */
  move?: DocumentMove;
  languages?: Partial<Record<Language, LanguageVersion>>;
  /** Other top-level fields to set. */
  set?: Record<string, unknown>;
  /**
   * A callback's move of one language version: the change applies only while that version is
   * where the move starts from (and, given a job, still that job's), not for a stale callback,
   * and only while the document is in translation or editing (core/lifecycle LANGUAGE_WORK).
   */
  languageMove?: { language: Language; move: LanguageMove; translationJobId?: string };
  /**
   * A language version handed to a new translation job: it applies unless the version belongs
   * to that job already, so a retried hand-off never undoes what the job's callback did.
   */
  languageOffer?: { language: Language; translationJobId: string };
  at: string;
}

export interface ReadOptions {
  consistent?: boolean;
}

export interface DocumentFilter {
  status?: DocumentStatus;
  session?: string;
}

/** The documents table; every call goes through the given client to the given table. */
export function makeDocumentStore({ db, tableName: TableName }: StoreOptions) {
  /** `consistent` for a read that a decision or a write depends on (it sees every write that committed before it). */
  async function getDocument(id: string, options: ReadOptions = {}): Promise<DocumentRecord | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: docKey(id), ...(options.consistent ? { ConsistentRead: true } : {}) }));
    return Item ? toRecord(Item) : undefined;
  }

  /** Claims a symbol for a document; a guard left by a withdrawn or never-written document is taken over. */
  async function reserveSymbol(symbol: string, documentId: string): Promise<void> {
    const put = (condition: string, values?: Record<string, unknown>) =>
      conditionally(() =>
        db.send(
          new PutCommand({
            TableName,
            Item: { ...symbolKey(symbol), documentId },
            ConditionExpression: condition,
            ExpressionAttributeValues: values,
          }),
        ),
      );
    if (await put('attribute_not_exists(pk)')) return;
    // Consistent: a takeover decided on a stale holder would hand a live document's symbol to another.
    const { Item } = await db.send(new GetCommand({ TableName, Key: symbolKey(symbol), ConsistentRead: true }));
    // Already this document's: a replay of its submission after a crash.
    if (Item?.documentId === documentId) return;
    const holder = Item ? await getDocument(String(Item.documentId), { consistent: true }) : undefined;
    if (Item && holder && holder.status !== 'withdrawn') {
      throw new Conflict(`Symbol ${symbol} is already used by document ${holder.id}`);
    }
    const condition = Item ? 'documentId = :previous' : 'attribute_not_exists(pk)';
    if (!(await put(condition, Item ? { ':previous': Item.documentId as string } : undefined))) {
      throw new Conflict(`Symbol ${symbol} was just claimed by another document`);
    }
  }

  async function releaseSymbol(symbol: string, documentId: string): Promise<void> {
    await conditionally(() =>
      db.send(new DeleteCommand({ TableName, Key: symbolKey(symbol), ConditionExpression: 'documentId = :id', ExpressionAttributeValues: { ':id': documentId } })),
    );
  }

  /** Writes a new document; false when one with its id exists already (a replayed submission). */
  function insertDocument(document: DocumentRecord): Promise<boolean> {
    return conditionally(() =>
      db.send(new PutCommand({ TableName, Item: { ...docKey(document.id), ...indexKeys(document), ...document }, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  /**
   * Applies a change with one conditional UpdateItem: language versions are set path by path,
   * so callbacks for different languages never overwrite each other. `undefined` when the
   * document is not (or no longer) in an allowed status.
   */
  async function changeDocument(id: string, change: DocumentChange): Promise<DocumentRecord | undefined> {
    const update = updateExpression().set('updatedAt', change.at);
    const move = change.move && DOCUMENT_MOVES[change.move];
    if (move?.to) update.set('status', move.to);
    for (const [language, version] of Object.entries(change.languages ?? {})) update.set(['languages', language], version);
    update.setAll(change.set ?? {}).exists('pk');
    if (move) update.oneOf('status', move.from);
    if (change.languageMove) {
      const { language, move: languageMove, translationJobId } = change.languageMove;
      update.oneOf('status', LANGUAGE_WORK);
      update.equals(['languages', language, 'status'], LANGUAGE_MOVES[languageMove].from);
      if (translationJobId) update.equals(['languages', language, 'translationJobId'], translationJobId);
    }
    if (change.languageOffer) {
      const { language, translationJobId } = change.languageOffer;
      update.set(['languages', language], { status: 'translation-requested', translationJobId });
      update.differs(['languages', language, 'translationJobId'], translationJobId);
    }
    const changed = await ifConditionHolds(() => db.send(new UpdateCommand({ TableName, Key: docKey(id), ...update.build(), ReturnValues: 'ALL_NEW' })));
    return changed?.Attributes ? toRecord(changed.Attributes) : undefined;
  }

  /** Records an event once: the key says which event it is, so a replayed step adds nothing. */
  async function recordEvent(documentId: string, key: string, event: HistoryEvent): Promise<void> {
    await conditionally(() =>
      db.send(
        new PutCommand({
          TableName,
          Item: { pk: `doc#${documentId}`, sk: `event#${key}`, ...event },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async function readHistory(documentId: string): Promise<HistoryEvent[]> {
    const items = await queryAll({
      TableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :event)',
      ExpressionAttributeValues: { ':pk': `doc#${documentId}`, ':event': 'event#' },
    }, db);
    return items.map(({ at, event, language, actor, detail }) => ({
      at: String(at),
      event: String(event),
      actor: String(actor),
      ...(language ? { language: language as Language } : {}),
      ...(detail ? { detail: detail as string } : {}),
    }));
  }

  /** Lists newest first from the GSI that fits the filter; the other filter, if any, narrows one session. */
  function listDocuments(filter: DocumentFilter, limit: number, cursor: string | undefined): Promise<Page<DocumentRecord>> {
    const base = { TableName, ScanIndexForward: false } as const;
    if (filter.session) {
      return queryPage(
        {
          ...base,
          IndexName: 'bySession',
          KeyConditionExpression: 'sessionCode = :session',
          ...(filter.status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: { ':session': filter.session, ...(filter.status ? { ':status': filter.status } : {}) },
        },
        limit,
        cursor,
        toRecord,
        db,
      );
    }
    if (filter.status) {
      return queryPage(
        { ...base, IndexName: 'byStatus', KeyConditionExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':status': filter.status } },
        limit,
        cursor,
        toRecord,
        db,
      );
    }
    return queryPage({ ...base, IndexName: 'byKind', KeyConditionExpression: 'kind = :kind', ExpressionAttributeValues: { ':kind': 'document' } }, limit, cursor, toRecord, db);
  }

  /** Published documents, newest publication first, optionally for one session. */
  function listPublished(session: string | undefined, limit: number, cursor: string | undefined): Promise<Page<DocumentRecord>> {
    return queryPage(
      session
        ? { TableName, IndexName: 'publicationsBySession', KeyConditionExpression: 'publishedSession = :s', ExpressionAttributeValues: { ':s': session }, ScanIndexForward: false }
        : { TableName, IndexName: 'publications', KeyConditionExpression: 'publishedKind = :k', ExpressionAttributeValues: { ':k': 'published' }, ScanIndexForward: false },
      limit,
      cursor,
      toRecord,
      db,
    );
  }

  /** The live document holding a symbol (through its guard), if any. */
  async function findBySymbol(symbol: string): Promise<DocumentRecord | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: symbolKey(symbol), ConsistentRead: true }));
    return Item ? getDocument(String(Item.documentId)) : undefined;
  }

  /** Every document of a session (a session has tens, not thousands). */
  async function sessionDocuments(code: string): Promise<DocumentRecord[]> {
    const items = await queryAll({ TableName, IndexName: 'bySession', KeyConditionExpression: 'sessionCode = :session', ExpressionAttributeValues: { ':session': code } }, db);
    return items.map(toRecord);
  }

  /**
   * Stores the daily review's assessment as change number `changes`, only if the stored one is
   * still change `changes - 1`: a rerun, or a concurrent run, cannot count a change twice.
   */
  function recordIssuanceRisk(id: string, risk: Risk, changes: number, on: string): Promise<boolean> {
    const update = updateExpression().set('issuanceRisk', { risk, changes, on });
    if (changes === 1) update.exists('pk').notExists('issuanceRisk');
    else update.equals(['issuanceRisk', 'changes'], changes - 1);
    return conditionally(() => db.send(new UpdateCommand({ TableName, Key: docKey(id), ...update.build() })));
  }

  /** Lists a published corrigendum under its base; setting the same entry again changes nothing. */
  async function addCorrigendum(baseId: string, corrigendumId: string, entry: Corrigendum): Promise<void> {
    // A map path can only be set once the map exists: two updates, each harmless to repeat.
    const map = updateExpression().setIfAbsent('corrigenda', {}).exists('pk');
    await db.send(new UpdateCommand({ TableName, Key: docKey(baseId), ...map.build() }));
    const listed = updateExpression().set(['corrigenda', corrigendumId], entry).exists('pk');
    await db.send(new UpdateCommand({ TableName, Key: docKey(baseId), ...listed.build() }));
  }

  return { getDocument, findBySymbol, sessionDocuments, recordIssuanceRisk, addCorrigendum, reserveSymbol, releaseSymbol, insertDocument, changeDocument, recordEvent, readHistory, listDocuments, listPublished };
}

export type DocumentStore = ReturnType<typeof makeDocumentStore>;
