/** Placeholder until this page is built. */
export default function ConsolePage(_props: { sessionId: string }) {
  return (
    <main className="page">
      <h1>ConsolePage</h1>
    </main>
  );
}
