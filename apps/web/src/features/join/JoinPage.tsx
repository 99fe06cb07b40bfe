/** Placeholder until this page is built. */
export default function JoinPage() {
  return (
    <main className="page">
      <h1>JoinPage</h1>
    </main>
  );
}
