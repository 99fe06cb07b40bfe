import { useState, type FormEvent } from 'react';
import { navigate } from '../../router/history';
import { roomHref } from '../../router/routes';
import { errorMessage } from '../../ui/errorMessages';

type Role = 'clinician' | 'patient';

interface DevTokenAnswer {
  ok: boolean;
  data?: { token: string; url?: string };
  error?: { code: string; message: string };
}

async function requestToken(sessionId: string, name: string, role: Role): Promise<string> {
  const response = await fetch('/api/dev/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sessionId, name, role }),
  });
  const answer = (await response.json().catch(() => null)) as DevTokenAnswer | null;
  if (!answer?.ok || !answer.data) {
    throw new Error(
      errorMessage(answer?.error?.code ?? (response.status === 404 ? 'NOT_FOUND' : 'INTERNAL')),
    );
  }
  return answer.data.url ?? roomHref(sessionId, answer.data.token);
}

/** Development servers only: mint a token for a made-up person and open the room. */
export function DevTokenForm() {
  const [sessionId, setSessionId] = useState('demo');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('patient');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    requestToken(sessionId.trim(), name.trim(), role)
      .then((url) => navigate(url))
      .catch((error: unknown) => {
        setProblem(error instanceof Error ? error.message : errorMessage('INTERNAL'));
        setBusy(false);
      });
  };

  return (
    <form className="card dev-form" onSubmit={submit} aria-labelledby="dev-form-title">
      <h2 id="dev-form-title">Try a session (development)</h2>
      <p className="hint">
        Development servers hand out test links. Open one as a clinician and another, in a second
        window, as a patient.
      </p>
      <label htmlFor="dev-session">Session id (lower-case letters, digits and dashes)</label>
      <input
        id="dev-session"
        data-testid="dev-session-id"
        required
        pattern="[a-z0-9\-]{1,40}"
        maxLength={40}
        value={sessionId}
        onChange={(event) => setSessionId(event.target.value)}
      />
      <label htmlFor="dev-name">Display name</label>
      <input
        id="dev-name"
        data-testid="dev-name"
        required
        maxLength={60}
        autoComplete="off"
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <label htmlFor="dev-role">Role</label>
      <select
        id="dev-role"
        data-testid="dev-role"
        value={role}
        onChange={(event) => setRole(event.target.value === 'clinician' ? 'clinician' : 'patient')}
      >
        <option value="patient">Patient</option>
        <option value="clinician">Clinician</option>
      </select>
      {problem && (
        <p className="form-error" role="alert" data-testid="dev-error">
          {problem}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy} data-testid="dev-submit">
        {busy ? 'Opening…' : 'Open the room'}
      </button>
    </form>
  );
}
