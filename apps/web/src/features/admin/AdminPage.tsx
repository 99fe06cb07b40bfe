/** Placeholder until this page is built. */
export default function AdminPage(_props: { section: string }) {
  return (
    <main className="page">
      <h1>AdminPage</h1>
    </main>
  );
}
