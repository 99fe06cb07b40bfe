import type { Translation } from '../../i18n';
import type { noticeMessages } from './texts';

export default {
  mutedLocked: 'Su terapeuta silenció su micrófono. Lo activará cuando sea su turno.',
  muted: 'Su terapeuta silenció su micrófono. Puede activarlo cuando lo desee.',
  micUnlocked: 'Su terapeuta desbloqueó su micrófono. Puede activarlo cuando lo desee.',
  cameraStoppedLocked: 'Su terapeuta apagó su cámara por ahora.',
  cameraStopped: 'Su terapeuta apagó su cámara. Puede volver a encenderla.',
  handLowered: 'Su terapeuta bajó su mano.',
  steppedOut:
    'Ahora está en una conversación privada con {name}. El grupo no puede verle ni oírle.',
  returnedToGroup: 'Está de vuelta con el grupo.',
  sentToWaiting: 'Su terapeuta le llevó a la sala de espera.',
  leadChanged: '{name} dirige ahora la sesión.',
  sessionOnHold: 'La sesión está en pausa hasta las {time}, aproximadamente. No se desconecte.',
  sessionResumed: 'La sesión continúa.',
  deniedTitle: 'Su terapeuta no le admitió en esta sesión',
  removedTitle: 'Le retiraron de esta sesión',
  removedBody: 'Si cree que es un error, comuníquese con su clínica.',
  replacedTitle: 'Esta sesión está abierta en otra ventana',
  replacedBody:
    'Entró desde otra ventana o dispositivo, y la sesión sigue allí. Para recuperarla aquí, vuelva a entrar.',
  endedTitle: 'La sesión ha terminado',
  endedBody: 'Gracias por participar.',
  timeoutBody:
    'Se perdió la conexión de su terapeuta durante demasiado tiempo. Su clínica se comunicará con usted.',
  interruptedTitle: 'La sesión se interrumpió',
  interruptedBody:
    'Un problema técnico terminó la sesión. Intente volver a entrar dentro de unos minutos.',
  leftTitle: 'Salió de la sesión',
  leftBody: 'Puede volver a entrar con el mismo enlace.',
} satisfies Translation<typeof noticeMessages>;
