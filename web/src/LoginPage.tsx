// Login: username and password, and the code from an authenticator app when the server
// answers that a second factor is needed (401 whose message mentions "second factor").
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, login } from './api';
import type { SessionInfo } from './types';

interface Props {
  notice: string;
  onLoggedIn: (s: SessionInfo) => void;
}

export function LoginPage({ notice, onLoggedIn }: Props) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    if (needsCode) codeRef.current?.focus();
  }, [needsCode]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      const s = await login(username.trim(), password, needsCode ? code.trim() : undefined);
      onLoggedIn(s);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401 && /second factor/i.test(err.message)) {
        if (needsCode) setError('That code was not accepted. Enter the current code from your authenticator app.');
        setNeedsCode(true);
      } else {
        setError(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="login">
      <h1 ref={heading} tabIndex={-1}>
        Log in to Safehub
      </h1>
      {notice && (
        <p class="notice" role="status" data-testid="login-notice">
          {notice}
        </p>
      )}
      <form onSubmit={submit} class="card" aria-describedby={error ? 'login-error' : undefined}>
        <div class="field">
          <label for="username">Username</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            required
            value={username}
            onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
          />
        </div>
        <div class="field">
          <label for="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          />
        </div>
        {needsCode && (
          <div class="field">
            <label for="totp">Code from your authenticator app</label>
            <p class="field-hint" id="totp-hint">
              Your account has a second factor. Enter the 6-digit code it shows now.
            </p>
            <input
              id="totp"
              name="totp"
              ref={codeRef}
              inputMode="numeric"
              autocomplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              aria-describedby="totp-hint"
              value={code}
              onInput={(e) => setCode((e.target as HTMLInputElement).value)}
            />
          </div>
        )}
        {error && (
          <p id="login-error" class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </div>
  );
}
