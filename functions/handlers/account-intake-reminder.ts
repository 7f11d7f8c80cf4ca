import { remindFinance } from '../account/app/intake-reminder';
import { RemindFinanceInput } from '../account/steps';
import { stepHandler } from '../shared/step-handler';

export const handler = stepHandler(RemindFinanceInput, remindFinance);
