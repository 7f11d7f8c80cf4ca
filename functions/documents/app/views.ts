import { today } from '../core/dates';
import { flagsOn } from '../core/deadlines';
import { type DocumentRecord, DocumentView } from '../core/document';

/** The client's view: stored fields (unknown ones stripped by the schema) plus today's flags. */
export function documentView(record: DocumentRecord, now: Date): DocumentView {
  return DocumentView.parse({ ...record, flags: flagsOn(record, today(now)) });
}

/** Execution names are the document ids, so the execution of a document is known without storing it. */
export function executionArnFor(stateMachineArn: string, documentId: string): string {
  return `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${documentId}`;
}
