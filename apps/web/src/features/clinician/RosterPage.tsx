/** Placeholder until this page is built. */
export default function RosterPage(_props: { sessionId: string }) {
  return (
    <main className="page">
      <h1>RosterPage</h1>
    </main>
  );
}
