/**
 * Compliance as conference services report it each quarter: of a session's documents (not
 * withdrawn), how many were submitted by their slot date (or, without a slot, the manuscript
 * deadline) and how many were issued by their issuance date.
 */
export interface ComplianceFacts {
  withdrawn: boolean;
  submittedOn: string;
  submissionDue?: string;
  issuanceDue?: string;
  publishedOn?: string;
}

export interface Compliance {
  documents: number;
  submittedOnTime: number;
  issuedOnTime: number;
}

export function compliance(documents: readonly ComplianceFacts[]): Compliance {
  const counted = documents.filter((document) => !document.withdrawn);
  return {
    documents: counted.length,
    submittedOnTime: counted.filter((d) => d.submissionDue !== undefined && d.submittedOn <= d.submissionDue).length,
    issuedOnTime: counted.filter((d) => d.issuanceDue !== undefined && d.publishedOn !== undefined && d.publishedOn <= d.issuanceDue).length,
  };
}
