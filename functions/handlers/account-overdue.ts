import * as z from 'zod';
import { detectOverdueInstallments } from '../account/app/overdue';
import { stepHandler } from '../shared/step-handler';

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), (_event, now) => detectOverdueInstallments(now));
