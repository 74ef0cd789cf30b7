// Cumulative concern alerts: what the rule is, why it fired (the evidence: which agency saw
// what and when) and what to do; and acknowledging one with the action taken.
import { useState } from 'preact/hooks';
import { acknowledgeAlert } from './api';
import { Field } from './Field';
import { fieldErrorsFrom, type FieldErrors } from './fieldErrors';
import { eventKindLabel, formatDate, formatTimestamp, humanise } from './format';
import type { Agency, ConcernAlert } from './types';

export function AlertCard({
  alert,
  agencies,
  onAcknowledged,
  childLink = false,
}: {
  alert: ConcernAlert;
  agencies: Map<number, Agency>;
  onAcknowledged?: (a: ConcernAlert) => void;
  childLink?: boolean;
}) {
  const [action, setAction] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({ fields: {}, general: '' });
  const [busy, setBusy] = useState(false);
  const fid = `ack-${alert.id}`;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    try {
      const a = await acknowledgeAlert(alert.id, action.trim());
      setErrors({ fields: {}, general: '' });
      onAcknowledged?.(a);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, { action: 'action' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article class="alert-card" aria-labelledby={`alert-${alert.id}-h`} data-testid="alert">
      <h3 id={`alert-${alert.id}-h`}>
        {alert.rule_title} <span class="tag warn">severity {alert.severity} of 5</span>{' '}
        <span class="tag">{humanise(alert.status)}</span>
        {alert.escalated && <span class="tag warn">escalated</span>}
      </h3>
      {childLink && (
        <p>
          {alert.children.map((c) => (
            <a key={c} href={`/children/${c}`} class="child-link">
              Child {c}
            </a>
          ))}
        </p>
      )}
      <p>{alert.explanation}</p>
      <p>
        <strong>Suggested action:</strong> {alert.suggested_action}
      </p>
      <p class="muted">Rule: {alert.rule_id}</p>
      <table class="data">
        <caption>Evidence</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Agency</th>
            <th scope="col">What</th>
          </tr>
        </thead>
        <tbody>
          {alert.evidence.map((e) => (
            <tr key={e.event_id}>
              <td>{formatDate(e.occurred_on)}</td>
              <td>
                {agencies.get(e.agency_id)?.name ?? `Agency ${e.agency_id}`} <span class="muted">({humanise(e.agency_kind)})</span>
              </td>
              <td>{eventKindLabel(e.kind)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {alert.acknowledged_at ? (
        <p data-testid="acknowledged">
          Acknowledged by {alert.acknowledged_by} on {formatTimestamp(alert.acknowledged_at)}: {alert.acknowledged_action}
        </p>
      ) : (
        onAcknowledged && (
          <form onSubmit={submit} noValidate class="ack-form">
            {errors.general && (
              <p class="error" role="alert">
                {errors.general}
              </p>
            )}
            <Field id={fid} label="Action taken" hint="What you did about it; recorded with your name." error={errors.fields.action}>
              {(p) => <input {...p} type="text" value={action} onInput={(e) => setAction((e.target as HTMLInputElement).value)} />}
            </Field>
            <button type="submit" disabled={busy}>
              Acknowledge
            </button>
          </form>
        )
      )}
    </article>
  );
}
