import type { ClientRequestName } from '@haven/protocol';
import { describe, expect, it } from 'vitest';
import { CallError } from './errors';
import type { Requester } from './signaling';
import { VideoReceive } from './videoReceive';

/** A server that answers pause and resume after `delayMs`, failing with `failWith` if set. */
function setup(options: { audioOnly?: boolean; delayMs?: number } = {}) {
  const sent: string[] = [];
  const errors: CallError[] = [];
  const world = { pageVisible: true, audioOnly: options.audioOnly ?? false, failWith: '' };
  const request = (async (name: ClientRequestName, payload: { consumerId: string }) => {
    sent.push(`${name === 'media:pauseConsumer' ? 'pause' : 'resume'} ${payload.consumerId}`);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
    if (world.failWith) throw new CallError(world.failWith as 'INTERNAL', 'refused');
    return {};
  }) as Requester;
  const videos = new VideoReceive({
    request,
    receiveVideo: () => !world.audioOnly,
    pageVisible: () => world.pageVisible,
    report: (error) => errors.push(error),
  });
  return { videos, sent, errors, world };
}

describe('VideoReceive', () => {
  it('resumes a new video at once when someone can see it', async () => {
    const { videos, sent } = setup();
    await videos.add('c1', 'camera');
    await videos.add('s1', 'screen');
    expect(sent).toEqual(['resume c1', 'resume s1']);
  });

  it('pauses a video whose tile leaves the view and resumes it when it comes back', async () => {
    const { videos, sent } = setup();
    await videos.add('c1', 'camera');
    await videos.setInView('c1', true);
    await videos.setInView('c1', false);
    await videos.setInView('c1', false);
    await videos.setInView('c1', true);
    expect(sent).toEqual(['resume c1', 'pause c1', 'resume c1']);
  });

  it('leaves paused a video whose tile was reported out of view before it arrived', async () => {
    const { videos, sent } = setup();
    await videos.setInView('c1', false);
    await videos.add('c1', 'camera');
    expect(sent).toEqual([]);
    await videos.setInView('c1', true);
    expect(sent).toEqual(['resume c1']);
  });

  it('pauses every video while the page is hidden and resumes only those in view', async () => {
    const { videos, sent, world } = setup();
    await videos.add('c1', 'camera');
    await videos.add('c2', 'camera');
    await videos.add('s1', 'screen');
    await videos.setInView('c2', false);
    sent.length = 0;
    world.pageVisible = false;
    await videos.sync();
    expect(sent.sort()).toEqual(['pause c1', 'pause s1']);
    sent.length = 0;
    await videos.setInView('c2', true);
    expect(sent).toEqual([]);
    world.pageVisible = true;
    await videos.sync();
    expect(sent.sort()).toEqual(['resume c1', 'resume c2', 'resume s1']);
  });

  it('in audio only receives shared screens but no camera', async () => {
    const { videos, sent, world } = setup({ audioOnly: true });
    await videos.add('c1', 'camera');
    await videos.add('s1', 'screen');
    expect(sent).toEqual(['resume s1']);
    world.audioOnly = false;
    await videos.sync();
    expect(sent).toEqual(['resume s1', 'resume c1']);
  });

  it('ends in the latest wish when the view changes faster than the server answers', async () => {
    const { videos, sent } = setup({ delayMs: 20 });
    await videos.add('c1', 'camera');
    const changes = [false, true, false, true, false].map((v) => videos.setInView('c1', v));
    await Promise.all(changes);
    // The first pause was in flight; the wishes after it collapsed into "still paused".
    expect(sent).toEqual(['resume c1', 'pause c1']);
    await videos.setInView('c1', true);
    expect(sent.at(-1)).toBe('resume c1');
  });

  it('reports a refused change and tries again on the next one', async () => {
    const { videos, sent, errors, world } = setup();
    await videos.add('c1', 'camera');
    world.failWith = 'INTERNAL';
    await videos.setInView('c1', false);
    expect(errors.map((e) => e.code)).toEqual(['INTERNAL']);
    world.failWith = '';
    await videos.sync();
    expect(sent).toEqual(['resume c1', 'pause c1', 'pause c1']);
  });

  it('says nothing about a consumer the server already closed', async () => {
    const { videos, errors, world } = setup();
    world.failWith = 'NOT_FOUND';
    await videos.add('c1', 'camera');
    expect(errors).toEqual([]);
  });

  it('asks nothing for a removed video or once closed', async () => {
    const { videos, sent, world } = setup();
    await videos.add('c1', 'camera');
    await videos.add('c2', 'camera');
    videos.remove('c1');
    await videos.setInView('c1', false);
    videos.close();
    world.pageVisible = false;
    await videos.sync();
    await videos.setInView('c2', false);
    expect(sent).toEqual(['resume c1', 'resume c2']);
  });
});
