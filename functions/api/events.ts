import type { z } from 'zod';
import { ACCOUNT_EVENTS } from '../account/events';
import { DOCUMENT_EVENTS } from '../documents/events';

/**
 * Every domain event the stack puts on its EventBridge bus, by `detail-type`, with the schema
 * of its `detail`: the OpenAPI document describes them (as webhooks), the tests check what
 * is put against them.
 */
export const domainEvents: Record<string, z.ZodType> = { ...DOCUMENT_EVENTS, ...ACCOUNT_EVENTS };
