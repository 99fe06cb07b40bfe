/**
 * The sound side of the device check: a microphone level from an AnalyserNode, and a
 * short generated test tone played through the chosen speaker. Web Audio only; nothing
 * is recorded or sent anywhere.
 */

/** Levels below this RMS read as silence; speech sits around 0.02 to 0.2. */
const FLOOR_DB = -60;

/** A 0..1 level from time-domain samples: RMS on a decibel scale from -60 dB to 0 dB. */
export function levelFromSamples(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms <= 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - FLOOR_DB) / -FLOOR_DB));
}

type AudioContextClass = typeof AudioContext;

function audioContextClass(): AudioContextClass | null {
  const w = globalThis as unknown as {
    AudioContext?: AudioContextClass;
    webkitAudioContext?: AudioContextClass;
  };
  return w.AudioContext ?? w.webkitAudioContext ?? null;
}

/** Browsers start audio only after a click or a key; resume on the first one. */
function resumeOnGesture(context: AudioContext): () => void {
  const resume = () => void context.resume().catch(() => undefined);
  resume();
  const events = ['pointerdown', 'keydown'] as const;
  for (const e of events) window.addEventListener(e, resume, { once: true, capture: true });
  return () => {
    for (const e of events) window.removeEventListener(e, resume, { capture: true });
  };
}

/**
 * Reports the level of a microphone track about 15 times a second until stopped.
 * Answers null (and reports nothing) where Web Audio is missing.
 */
export function watchLevel(
  track: MediaStreamTrack,
  onLevel: (level: number) => void,
): (() => void) | null {
  const Context = audioContextClass();
  if (!Context) return null;
  const context = new Context();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const stopResume = resumeOnGesture(context);
  const timer = window.setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    onLevel(levelFromSamples(samples));
  }, 66);
  return () => {
    window.clearInterval(timer);
    stopResume();
    source.disconnect();
    void context.close().catch(() => undefined);
  };
}

/** Two short notes, rising: easy to recognise, never loud. */
const NOTES = [
  { hz: 523.25, at: 0, length: 0.35 },
  { hz: 659.25, at: 0.45, length: 0.45 },
];
const TONE_SECONDS = 1;

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/** Whether this browser can send sound to a chosen speaker (not Safari or Firefox on phones). */
export const canChooseSpeaker = (): boolean =>
  typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

/**
 * Plays the test tone, through `sinkId` where the browser can choose a speaker.
 * Resolves when it has finished.
 */
export async function playTestTone(sinkId: string | null): Promise<void> {
  const Context = audioContextClass();
  if (!Context) throw new Error('Web Audio is not available');
  const context = new Context();
  try {
    await context.resume();
    const gain = context.createGain();
    gain.gain.value = 0;
    const start = context.currentTime + 0.05;
    for (const note of NOTES) {
      const osc = context.createOscillator();
      osc.type = 'sine';
      osc.frequency.value = note.hz;
      osc.connect(gain);
      const t = start + note.at;
      // Soft edges: no click at the start or end of a note.
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.25, t + 0.03);
      gain.gain.setValueAtTime(0.25, t + note.length - 0.05);
      gain.gain.linearRampToValueAtTime(0, t + note.length);
      osc.start(t);
      osc.stop(t + note.length);
    }
    let element: SinkAudio | null = null;
    if (sinkId && canChooseSpeaker()) {
      const destination = context.createMediaStreamDestination();
      gain.connect(destination);
      element = new Audio() as SinkAudio;
      element.srcObject = destination.stream;
      await element.setSinkId?.(sinkId);
      await element.play();
    } else {
      gain.connect(context.destination);
    }
    await new Promise((resolve) => setTimeout(resolve, (TONE_SECONDS + 0.1) * 1000));
    if (element) {
      element.pause();
      element.srcObject = null;
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}
