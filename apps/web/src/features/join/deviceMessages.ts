import { defineMessages } from '../../i18n';

/** The device check: preview, level meter, test sound, device lists, network, ways to join. */
export const deviceMessages = defineMessages({
  en: {
    title: 'Check your camera and sound',
    intro:
      'Only you can see this preview. Nothing is shared until your clinician lets you into the session.',
    asking: 'Your browser may ask to use your camera and microphone. Please choose “Allow”.',
    previewLabel: 'Your camera preview',
    cameraOff: 'Camera off',
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
  },
  es: {
    title: 'Revise su cámara y su sonido',
    intro:
      'Solo usted ve esta vista previa. No se comparte nada hasta que su terapeuta le deje entrar a la sesión.',
    asking:
      'Su navegador puede pedir permiso para usar la cámara y el micrófono. Elija “Permitir”.',
    previewLabel: 'Vista previa de su cámara',
    cameraOff: 'Cámara apagada',
    noPreview: 'Sin vista previa de la cámara',
    micLevel: 'Nivel del micrófono',
    micHint: 'Diga algo: la barra debería moverse.',
    micSilent: 'No hay micrófono en uso.',
    camera: 'Cámara',
    microphone: 'Micrófono',
    speaker: 'Altavoz',
    cameraN: 'Cámara {n}',
    microphoneN: 'Micrófono {n}',
    speakerN: 'Altavoz {n}',
    testSound: 'Reproducir un sonido de prueba',
    playing: 'Reproduciendo…',
    soundHint: 'Debería oír dos notas cortas.',
    soundFailed:
      'No se pudo reproducir el sonido de prueba. Revise que el sonido esté encendido y no silenciado.',
    network: 'Conexión a internet',
    networkChecking: 'Revisando su conexión…',
    networkGood: 'Buena',
    networkFair: 'Regular: el video puede detenerse a ratos',
    networkPoor: 'Débil: solo audio funcionará mejor',
    networkOffline: 'No podemos conectar con Haven',
    networkMs: '{ms} ms',
    tryAudio: 'Su conexión es débil. Entrar solo con el micrófono (sin cámara) funcionará mejor.',
    offline:
      'No podemos conectar con Haven en este momento. Revise que esté conectado a wifi o a datos móviles e inténtelo de nuevo.',
    checkAgain: 'Revisar de nuevo',
    modeLegend: '¿Cómo quiere entrar?',
    modeVideo: 'Cámara y micrófono',
    modeVideoHint: 'El grupo le ve y le oye.',
    modeAudio: 'Solo micrófono, sin cámara',
    modeAudioHint: 'El grupo le oye, pero no le ve.',
    modeListen: 'Solo escuchar',
    modeListenHint: 'Sin cámara ni micrófono. Aun así puede usar el chat.',
    unavailable: '(no disponible)',
    continue: 'Continuar',
    continueJoin: 'Entrar a la sala de espera',
    tryAgain: 'Intentar de nuevo',
    problemUnsupported:
      'Este navegador no puede hacer videollamadas. Abra el enlace en una versión reciente de Chrome, Edge, Firefox o Safari.',
    problemDenied:
      'Su navegador está bloqueando la cámara y el micrófono. Para permitirlos, toque el candado o el ícono de cámara junto a la dirección web, elija “Permitir” para ambos y luego toque “Intentar de nuevo”. También puede entrar solo a escuchar.',
    problemMicDenied:
      'Su navegador está bloqueando el micrófono. Toque el candado junto a la dirección web, permita el micrófono y luego toque “Intentar de nuevo”. Aun así puede escuchar.',
    problemCameraDenied:
      'Su navegador está bloqueando la cámara. Puede entrar solo con el micrófono, o permitir la cámara (candado junto a la dirección web) y tocar “Intentar de nuevo”.',
    problemNoDevices:
      'No encontramos una cámara ni un micrófono. Puede entrar solo a escuchar, o conectar unos auriculares con micrófono y tocar “Intentar de nuevo”.',
    problemNoCamera: 'No encontramos una cámara. Puede entrar solo con el micrófono.',
    problemNoMic:
      'No encontramos un micrófono. Puede entrar solo a escuchar, o conectar unos auriculares con micrófono y tocar “Intentar de nuevo”.',
    problemBusy:
      'Parece que otra aplicación está usando su cámara o micrófono. Cierre otras aplicaciones de video (u otras pestañas) y toque “Intentar de nuevo”.',
  },
});
