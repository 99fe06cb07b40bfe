import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CallClient } from '../../call/CallClient';
import { initialState } from '../../call/state';
import { FakeTrack, asTrack } from '../../call/testing';
import type { CallState } from '../../call/types';
import { VideoGrid } from './VideoGrid';

const render = (cameraMuted: boolean): string => {
  const base = initialState();
  const state: CallState = {
    ...base,
    self: { state: 'admitted', space: 'main' },
    local: {
      ...base.local,
      camera: asTrack(new FakeTrack('video')),
      cameraEnabled: true,
      cameraMuted,
    },
  };
  return renderToStaticMarkup(
    createElement(VideoGrid, {
      client: {} as CallClient,
      state,
      layout: 'grid',
      qualities: { peers: new Map(), uplink: 'unknown' },
    }),
  );
};

describe('the self tile', () => {
  it('says the device paused the camera, and shows initials instead of a frozen picture', () => {
    const paused = render(true);
    expect(paused).toContain('Camera paused by your device');
    expect(paused).toMatch(/<video[^>]*hidden/);
    expect(render(false)).not.toContain('Camera paused by your device');
  });
});
