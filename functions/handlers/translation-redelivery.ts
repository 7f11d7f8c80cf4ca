import * as z from 'zod';
import { stepHandler } from '../shared/step-handler';
import { translationHandoff } from './roots/translation-handoff';

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => translationHandoff.redeliverPendingJobs());
