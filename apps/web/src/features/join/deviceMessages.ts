import { defineMessages } from '../../i18n';

/** The device check: preview, level meter, test sound, device lists, network, ways to join. */
export const deviceMessages = defineMessages('features/join/deviceMessages', {
  title: 'Check your camera and sound',
  intro:
    'Only you can see this preview. Nothing is shared until your clinician lets you into the session.',
  asking: 'Your browser may ask to use your camera and microphone. Please choose “Allow”.',
  previewLabel: 'Your camera preview',
  noPreview: 'No camera preview',
  micLevel: 'Microphone level',
  micHint: 'Say something: the bar should move.',
  micSilent: 'No microphone in use.',
  camera: 'Camera',
  microphone: 'Microphone',
  speaker: 'Speaker',
  cameraN: 'Camera {n}',
  microphoneN: 'Microphone {n}',
  speakerN: 'Speaker {n}',
  testSound: 'Play a test sound',
  playing: 'Playing…',
  soundHint: 'You should hear two short notes.',
  soundFailed: 'The test sound couldn’t play. Check that your sound is on and not muted.',
  network: 'Internet connection',
  networkChecking: 'Checking your connection…',
  networkGood: 'Good',
  networkFair: 'Fair: video may pause now and then',
  networkPoor: 'Weak: audio only will work better',
  networkOffline: 'We can’t reach Haven',
  networkMs: '{ms} ms',
  tryAudio:
    'Your connection is weak. Joining with your microphone only (no camera) will work better.',
  offline:
    'We can’t reach Haven right now. Check that you are connected to Wi-Fi or mobile data, then try again.',
  checkAgain: 'Check again',
  modeLegend: 'How do you want to join?',
  modeVideo: 'Camera and microphone',
  modeVideoHint: 'The group sees and hears you.',
  modeAudio: 'Microphone only, no camera',
  modeAudioHint: 'The group hears you but doesn’t see you.',
  modeListen: 'Listen only',
  modeListenHint: 'No camera, no microphone. You can still use the chat.',
  unavailable: '(not available)',
  continue: 'Continue',
  continueJoin: 'Join the waiting room',
  tryAgain: 'Try again',
  problemUnsupported:
    'This browser can’t make video calls. Please open the link in a recent Chrome, Edge, Firefox or Safari.',
  problemDenied:
    'Your browser is blocking the camera and microphone. To allow them, tap the lock or camera icon next to the web address, choose “Allow” for both, then press “Try again”. You can also join and listen only.',
  problemMicDenied:
    'Your browser is blocking the microphone. Tap the lock icon next to the web address, allow the microphone, then press “Try again”. You can still listen.',
  problemCameraDenied:
    'Your browser is blocking the camera. You can join with your microphone only, or allow the camera (lock icon next to the web address) and press “Try again”.',
  problemNoDevices:
    'We didn’t find a camera or a microphone. You can join and listen only, or connect a headset and press “Try again”.',
  problemNoCamera: 'We didn’t find a camera. You can join with your microphone only.',
  problemNoMic:
    'We didn’t find a microphone. You can join and listen only, or connect a headset and press “Try again”.',
  problemBusy:
    'Another app seems to be using your camera or microphone. Close other video apps (or other tabs), then press “Try again”.',
});
