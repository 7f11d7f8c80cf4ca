// A kind of work item as its handlers compose it (the callbacks API and the step that opens
// one): one composition, so the handlers of the three kinds cannot drift apart.
import { makeDocumentStore } from '../../documents/adapters/document-store';
import type { WorkItem, WorkItemStore } from '../../documents/adapters/work-item-store';
import { type WorkItemKind, makeWorkItemCallbacks } from '../../documents/app/work-item-callbacks';
import { type StoreOptions, db } from '../../shared/aws/dynamo';
import { sfn } from '../../shared/aws/sfn';
import { makeTaskTokens } from '../../shared/aws/task-tokens';
import { makeWorkflow } from '../../shared/aws/workflow';
import { readConfig, required } from './config';
import { ENV, type EnvName } from '../../shared/env-names';

/** The stores, clock and callbacks of one kind of work item, kept in the table named by `itemsTable`. */
export function composeWorkItems<T extends WorkItem>(itemsTable: EnvName, makeStore: (options: StoreOptions) => WorkItemStore<T>, kind: WorkItemKind<T>) {
  const config = readConfig({
    documentsTable: required(ENV.documentsTable),
    itemsTable: required(itemsTable),
    taskTokensTable: required(ENV.taskTokensTable),
  });
  const clock = () => new Date();
  const pause = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));
  const documents = makeDocumentStore({ db, tableName: config.documentsTable });
  const store = makeStore({ db, tableName: config.itemsTable });
  const callbacks = makeWorkItemCallbacks({ store, tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }), workflow: makeWorkflow(sfn), documents, clock, pause, kind });
  return { clock, documents, store, callbacks };
}
