import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

const S = AttributeType.STRING;

export function table(scope: Construct, id: string, partitionKey: string, sortKey?: string, timeToLiveAttribute?: string): Table {
  return new Table(scope, id, {
    partitionKey: { name: partitionKey, type: S },
    ...(sortKey ? { sortKey: { name: sortKey, type: S } } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    removalPolicy: RemovalPolicy.RETAIN,
    // Retained when the stack goes, and not deletable by hand either until this is turned off.
    deletionProtection: true,
    ...(timeToLiveAttribute ? { timeToLiveAttribute } : {}),
  });
}

export function index(target: Table, indexName: string, partitionKey: string, sortKey: string): void {
  target.addGlobalSecondaryIndex({ indexName, partitionKey: { name: partitionKey, type: S }, sortKey: { name: sortKey, type: S }, projectionType: ProjectionType.ALL });
}

/**
 * The documentation chain's tables. Every list of the API is a Query on a (sparse) index:
 * no request path scans. Work-item tables share one shape: byStatus for the open-work lists,
 * byDocument to close a document's work.
 */
export class DocumentTables extends Construct {
  readonly documents: Table;
  readonly translationJobs: Table;
  readonly editingTasks: Table;
  readonly printJobs: Table;
  readonly taskTokens: Table;
  readonly idempotency: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.documents = table(this, 'Documents', 'pk', 'sk');
    index(this.documents, 'byKind', 'kind', 'createdAt');
    index(this.documents, 'byStatus', 'status', 'createdAt');
    index(this.documents, 'bySession', 'sessionCode', 'createdAt');
    index(this.documents, 'publications', 'publishedKind', 'publishedAt');
    index(this.documents, 'publicationsBySession', 'publishedSession', 'publishedAt');

    const workItems = (name: string, key: string) => {
      const items = table(this, name, key);
      index(items, 'byStatus', 'status', 'listOrder');
      index(items, 'byDocument', 'documentId', 'createdAt');
      return items;
    };
    this.translationJobs = workItems('TranslationJobs', 'jobId');
    index(this.translationJobs, 'pendingDeliveries', 'deliveryPending', 'nextDeliveryAt');
    this.editingTasks = workItems('EditingTasks', 'taskId');
    this.printJobs = workItems('PrintJobs', 'jobId');

    this.taskTokens = table(this, 'TaskTokens', 'owner');
    // Powertools' record layout: key `id`, expiry in `expiration`.
    this.idempotency = table(this, 'Idempotency', 'id', undefined, 'expiration');
  }
}
