import { logger } from '../../shared/observability';
import type { RiskEvents } from '../app/ports';

/**
 * Announces a change of issuance risk in the function's structured log only. It stands in
 * for the event bus's publisher (IssuanceRiskChanged), which takes its place when the bus is
 * wired in; the use case does not change.
 */
export const loggedRiskEvents: RiskEvents = {
  publish(change) {
    logger.info('IssuanceRiskChanged', { change });
    return Promise.resolve();
  },
};
