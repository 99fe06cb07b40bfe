import type { Translation } from '../../i18n';
import type { deviceMessages } from './deviceMessages';

export default {
  title: 'Revise su cámara y su sonido',
  intro:
    'Solo usted ve esta vista previa. No se comparte nada hasta que su terapeuta le deje entrar a la sesión.',
  asking: 'Su navegador puede pedir permiso para usar la cámara y el micrófono. Elija “Permitir”.',
  previewLabel: 'Vista previa de su cámara',
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
} satisfies Translation<typeof deviceMessages>;
