import type {
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineOutput,
  ListStateMachinesInput,
  ListStateMachinesOutput,
} from '@aws-sdk/client-sfn';
import type { CompiledMachine } from './definition';
import { pageAfter } from './paging';

/** A state machine as the API describes it: its template definition and settings, and when it was first run here. */
export interface MachineEntry {
  machine: CompiledMachine;
  creationDate: Date;
}

export function listStateMachines(entries: MachineEntry[], request: ListStateMachinesInput): ListStateMachinesOutput {
  // Names are unique among an account's machines in a region: the token holds the last name returned.
  const byName = [...entries].sort((a, b) => (a.machine.name < b.machine.name ? -1 : a.machine.name > b.machine.name ? 1 : 0));
  const page = pageAfter(byName, (e) => e.machine.name, (name, after) => name > after, request, ['ListStateMachines'], 'string');
  return {
    stateMachines: page.items.map(({ machine, creationDate }) => ({
      stateMachineArn: machine.arn,
      name: machine.name,
      type: machine.config.type ?? 'STANDARD',
      creationDate,
    })),
    nextToken: page.nextToken,
  };
}

export function describeStateMachine({ machine, creationDate }: MachineEntry): DescribeStateMachineOutput {
  return {
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    // The definition as the template gives it (not the engine's rewritten copy).
    definition: JSON.stringify(machine.config.definition),
    roleArn: machine.roleArn,
    type: machine.config.type ?? 'STANDARD',
    creationDate,
    loggingConfiguration: machine.config.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: machine.config.tracingConfiguration ?? { enabled: false },
  };
}

/** The machine an execution ran; the stack keeps one version of each, so it is the current one. */
export function describeStateMachineForExecution(entry: MachineEntry): DescribeStateMachineForExecutionOutput {
  const { stateMachineArn, name, definition, roleArn, creationDate, loggingConfiguration, tracingConfiguration } = describeStateMachine(entry);
  return { stateMachineArn, name, definition, roleArn, updateDate: creationDate, loggingConfiguration, tracingConfiguration };
}
