import { makeAccountStores } from '../account/adapters/account-stores';
import { makeAwaitConfirmation } from '../account/app/intake';
import { makeIntakeWait } from '../account/app/intake-outcome';
import { AwaitConfirmationInput } from '../account/steps';
import { db } from '../shared/aws/dynamo';
import { sfn } from '../shared/aws/sfn';
import { makeTaskTokens } from '../shared/aws/task-tokens';
import { makeWorkflow } from '../shared/aws/workflow';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({ accountTable: required(ENV.accountTable), taskTokensTable: required(ENV.taskTokensTable) });
const stores = makeAccountStores({ db, tableName: config.accountTable });
const awaitConfirmation = makeAwaitConfirmation({
  stores,
  wait: makeIntakeWait({ stores, tokens: makeTaskTokens({ db, tableName: config.taskTokensTable }), workflow: makeWorkflow(sfn) }),
  clock: () => new Date(),
});

export const handler = stepHandler(AwaitConfirmationInput, (input) => awaitConfirmation(input));
