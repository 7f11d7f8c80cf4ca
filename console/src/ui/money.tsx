/** Money as the API gives it, a decimal string, grouped for reading; never through a float. */
export function Money({ amount, currency }: { amount: string | undefined; currency: string }) {
  if (amount === undefined) return <span>—</span>;
  const negative = amount.startsWith('-');
  const [whole, ...decimals] = (negative ? amount.slice(1) : amount).split('.');
  const fraction = decimals.length ? decimals.join('.') : undefined;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (
    <span class="money">
      {negative ? '−' : ''}
      {grouped}
      {fraction !== undefined ? `.${fraction}` : ''} {currency}
    </span>
  );
}

export function MoneyCell({ amount, currency }: { amount: string | undefined; currency: string }) {
  return (
    <td>
      <Money amount={amount} currency={currency} />
    </td>
  );
}

/** The account's three totals in USD, as a statement and the yearly summary show them. */
export function UsdTotals({ totals }: { totals: { pledgedUsd: string; receivedUsd: string; outstandingUsd: string } }) {
  return (
    <dl class="facts">
      <dt>Pledged</dt>
      <dd>
        <Money amount={totals.pledgedUsd} currency="USD" />
      </dd>
      <dt>Received</dt>
      <dd>
        <Money amount={totals.receivedUsd} currency="USD" />
      </dd>
      <dt>Outstanding</dt>
      <dd>
        <Money amount={totals.outstandingUsd} currency="USD" />
      </dd>
    </dl>
  );
}
