import { DevTokenForm } from './DevTokenForm';
import './home.css';

/** The dev form shows on the dev server, or on any server with `/?dev=1`. */
const showDevForm = (): boolean =>
  import.meta.env.DEV || new URLSearchParams(window.location.search).has('dev');

export default function HomePage() {
  return (
    <main className="page home">
      <h1>Haven</h1>
      <p className="lead">
        Video sessions for intensive outpatient programs: group therapy, individual sessions and
        education, from home, on a phone or a computer, with nothing to install.
      </p>
      <h2>Joining a session</h2>
      <ul>
        <li>Open the link your clinic sent you, a few minutes before the session starts.</li>
        <li>
          You will wait in a private waiting room. Nobody else sees or hears you until your
          clinician lets you in.
        </li>
        <li>Find a private, quiet place, and keep headphones at hand if others are nearby.</li>
        <li>No camera? You can take part with your microphone, or just listen.</li>
      </ul>
      {showDevForm() && <DevTokenForm />}
    </main>
  );
}
