import { useCallback, useState } from 'react';

/** A polite live region for "saved" messages; the latest one replaces the last. */
export function useNotice(): [string | null, (text: string | null) => void] {
  const [text, setText] = useState<string | null>(null);
  const set = useCallback((next: string | null) => setText(next), []);
  return [text, set];
}

export function NoticeLine({ text }: { text: string | null }) {
  return (
    <p className="admin-notice" role="status" data-testid="admin-notice">
      {text}
    </p>
  );
}
