import * as z from 'zod';
import { makeAccountStores } from '../account/adapters/account-stores';
import { makeIntakeExecutions } from '../account/adapters/intake-executions';
import { makeReconcileContributions } from '../account/app/reconcile';
import { db } from '../shared/aws/dynamo';
import { sfn } from '../shared/aws/sfn';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({
  accountTable: required(ENV.accountTable),
  intakeArn: required(ENV.contributionIntakeArn),
});
const reconcileContributions = makeReconcileContributions({
  stores: makeAccountStores({ db, tableName: config.accountTable }),
  intake: makeIntakeExecutions(makeWorkflow(sfn), config.intakeArn),
  clock: () => new Date(),
});

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => reconcileContributions());
