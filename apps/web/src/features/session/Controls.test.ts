import { createElement, isValidElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { Controls, Toggle, type ControlsProps } from './Controls';

const controls = (over: Partial<ControlsProps> = {}): ControlsProps => ({
  micEnabled: true,
  cameraEnabled: true,
  micLocked: false,
  cameraLocked: false,
  onMic: () => undefined,
  onCamera: () => undefined,
  confirmLeave: false,
  waiting: false,
  onLeave: () => undefined,
  ...over,
});

/** The opening tag of the element with `data-testid`. */
const tagOf = (html: string, testId: string): string =>
  new RegExp(`<[^>]*data-testid="${testId}"[^>]*>`).exec(html)?.[0] ?? '';

describe('a control a clinician locked', () => {
  it('stays focusable (aria-disabled, not disabled) and says why it is locked', () => {
    const html = renderToStaticMarkup(
      createElement(Controls, controls({ micEnabled: false, micLocked: true })),
    );
    const mic = tagOf(html, 'toggle-mic');
    expect(mic).toContain('aria-disabled="true"');
    expect(mic).not.toMatch(/\sdisabled=""/);
    expect(mic).toContain('aria-describedby="toggle-mic-hint"');
    expect(html).toContain('id="toggle-mic-hint"');
    expect(html).toContain('Muted by your clinician');
  });

  it('is an ordinary button while unlocked', () => {
    const mic = tagOf(renderToStaticMarkup(createElement(Controls, controls())), 'toggle-mic');
    expect(mic).not.toContain('aria-disabled');
    expect(mic).not.toContain('style=');
  });

  it('ignores a press while locked, and toggles once unlocked', () => {
    const onToggle = vi.fn();
    const button = (disabled: boolean): ReactElement<{ onClick: () => void }> => {
      const rendered = Toggle({
        testId: 'toggle-mic',
        label: 'Microphone',
        pressed: false,
        icon: null,
        disabled,
        onToggle,
      });
      const children = (rendered.props as { children: unknown[] }).children;
      const first = children[0];
      if (!isValidElement<{ onClick: () => void }>(first)) throw new Error('no button');
      return first;
    };
    button(true).props.onClick();
    expect(onToggle).not.toHaveBeenCalled();
    button(false).props.onClick();
    expect(onToggle).toHaveBeenCalledWith(true);
  });
});
