import type { ReactNode } from 'react';
import { useFocusOnMount } from '../session/useFocusOnMount';

/** A step of the join page that is only words and maybe one way forward; its title takes the focus. */
export function Message(props: {
  title: string;
  body: string;
  testId: string;
  code?: string;
  action?: ReactNode;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="join-card" data-testid={props.testId} data-error-code={props.code}>
      <h1 ref={heading} tabIndex={-1}>
        {props.title}
      </h1>
      <p role={props.code ? 'alert' : undefined}>{props.body}</p>
      {props.action}
    </section>
  );
}
