/** Placeholder until this page is built. */
export default function TodayPage() {
  return (
    <main className="page">
      <h1>TodayPage</h1>
    </main>
  );
}
