import { z } from 'zod';
import { reconcileContributions } from '../account/app/reconcile';
import { stepHandler } from '../shared/step-handler';

// Invoked by a schedule; the scheduled event's content does not matter.
export const handler = stepHandler(z.unknown(), () => reconcileContributions());
