import { makeAccountStores } from '../account/adapters/account-stores';
import { makeRemindFinance } from '../account/app/intake-reminder';
import { RemindFinanceInput } from '../account/steps';
import { db } from '../shared/aws/dynamo';
import { readConfig, required } from './roots/config';
import { ENV } from '../shared/env-names';
import { stepHandler } from '../shared/step-handler';

const config = readConfig({ accountTable: required(ENV.accountTable) });
const remindFinance = makeRemindFinance({ stores: makeAccountStores({ db, tableName: config.accountTable }), clock: () => new Date() });

export const handler = stepHandler(RemindFinanceInput, (input) => remindFinance(input));
