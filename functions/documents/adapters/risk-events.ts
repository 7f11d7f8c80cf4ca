import type { DomainEvents } from '../../shared/domain-events';
import type { RiskEvents } from '../app/ports';
import { issuanceRiskChanged } from '../events';

/** The daily review's changes of risk, announced on the bus as IssuanceRiskChanged (once per changeId). */
export function makeRiskEvents(events: DomainEvents): RiskEvents {
  return {
    async publish(change) {
      await events.publish(issuanceRiskChanged(change));
    },
  };
}
