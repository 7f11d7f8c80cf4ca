import type { DocumentStore } from '../adapters/document-store';
import type { Risk } from '../core/risk-level';

/** Where a use case learns the time: `() => new Date()` in a handler, a fixed instant in a test. */
export type Clock = () => Date;

/** What the work-item use cases ask of the documents table. */
export type DocumentChanges = Pick<DocumentStore, 'getDocument' | 'changeDocument' | 'recordEvent'>;

/** The document pipeline's executions, named after the document they work on. */
export interface DocumentPipeline {
  /** Starts it, or finds it started already (running or ended): a replay or a repair starts nothing twice. */
  start(documentId: string, input: unknown): Promise<string>;
  stop(documentId: string, cause: string): Promise<void>;
  /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED; `undefined` when it was never started. */
  status(documentId: string): Promise<string | undefined>;
  /** The documents whose executions run now, at most `max` of them. */
  running(max: number): Promise<string[]>;
}

/** A change of a document's issuance risk, as the daily review found it. */
export interface IssuanceRiskChange {
  /** Stable per change (`<documentId>#issuance-risk#<n>#<to>`): a publisher can drop a repeat. */
  changeId: string;
  documentId: string;
  symbol: string;
  session?: string;
  /** `null` on a document's first assessment. */
  from: Risk | null;
  to: Risk;
  reasons: string[];
  /** The day it was assessed, and when. */
  assessedOn: string;
  at: string;
}

/** Where the daily review announces a change of risk (the `IssuanceRiskChanged` domain event). */
export interface RiskEvents {
  publish(change: IssuanceRiskChange): Promise<void>;
}
