import { useEffect, useState } from 'preact/hooks';
import { completeSignIn } from '../auth';
import { navigate } from '../ui/router';

export function CallbackPage() {
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    completeSignIn(location.search)
      .then((next) => navigate(next.startsWith('/') && !next.startsWith('/callback') ? next : '/'))
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
  }, []);
  return failure ? (
    <div class="problem" role="alert">
      <p class="problem-title">Sign-in failed</p>
      <p>{failure}</p>
    </div>
  ) : (
    <p role="status">Completing the sign-in…</p>
  );
}
