import { Component, type ReactNode } from 'react';

/**
 * Shows a calm message, not a blank page, if code fails to load (or to run), and says so:
 * the call's code on the join page, the device menu in a call. Whatever sits outside it,
 * a call under way included, carries on.
 */
export class LoadGuard extends Component<
  { fallback: ReactNode; onFailed: () => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onFailed();
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
