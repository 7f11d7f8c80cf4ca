import { z } from 'zod';
import { redeliverPendingJobs } from '../documents/app/translation-handoff';
import { stepHandler } from '../shared/step-handler';

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), (_event, now) => redeliverPendingJobs(now));
