import { useState } from 'preact/hooks';
import { type Schemas, api, run } from '../../api/client';
import { PagedList, usePaged } from '../../ui/components';
import { InputField, SelectField } from '../../ui/fields';
import { SubmissionStatus, formText, handleSubmit, useSubmission } from '../../ui/forms';
import { Link } from '../../ui/router';
import { Table } from '../../ui/table';

type Donor = Schemas['Donor'];
const DONOR_TYPES: Donor['type'][] = ['member-state', 'intergovernmental', 'private', 'other'];

/** Donors, and the form to register one. */
export function DonorsPage() {
  const [round, setRound] = useState(0);
  const paged = usePaged<Donor>((cursor) => run(api().GET('/donors', { params: { query: cursor ? { cursor } : {} } })), `donors|${round}`);
  const { submission, problem, send } = useSubmission();
  return (
    <section>
      <PagedList
        what="donors"
        empty="No donors are registered."
        paged={paged}
        render={(items) => (
          <Table caption="Donors" columns={['Donor', 'Name', 'Type', 'Statement']}>
            {items.map((donor) => (
              <tr key={donor.donorId}>
                <th scope="row">{donor.donorId}</th>
                <td>{donor.name}</td>
                <td>{donor.type}</td>
                <td>
                  <Link href={`/donor?donorId=${encodeURIComponent(donor.donorId)}`}>Statement of {donor.donorId}</Link>
                </td>
              </tr>
            ))}
          </Table>
        )}
      />
      <form
        class="card"
        aria-labelledby="donor-form-heading"
        onSubmit={handleSubmit((form) => {
          const body = { donorId: formText(form, 'donorId'), name: formText(form, 'name'), type: formText(form, 'type') as Donor['type'] };
          send(
            (key) => run(api().POST('/donors', { body, params: { header: { 'Idempotency-Key': key } } })),
            (data) => {
              setRound((r) => r + 1);
              return `${data.donorId} is registered.`;
            },
          );
        })}
      >
        <h2 id="donor-form-heading">Register a donor</h2>
        <InputField id="donor-id" label="Donor id" name="donorId" problem={problem} hint="e.g. DE, EU, FOUNDATION-X" />
        <InputField id="donor-name" label="Name" name="name" problem={problem} />
        <SelectField id="donor-type" label="Type" name="type" problem={problem} values={DONOR_TYPES} defaultValue="member-state" />
        <button type="submit">Register</button>
        <SubmissionStatus submission={submission} fields={['donorId', 'name', 'type']} />
      </form>
    </section>
  );
}
