import type { Translation } from '../i18n';
import type { ERROR_MESSAGES } from './errorMessages';

export default {
  BAD_REQUEST: 'Algo en esa solicitud no estaba bien. Por favor, inténtelo de nuevo.',
  PROTOCOL_MISMATCH:
    'Haven se ha actualizado. Por favor, vuelva a cargar esta página para continuar.',
  UNAUTHENTICATED:
    'Este enlace no es válido. Use el enlace que le envió su clínica o pídale uno nuevo.',
  TOKEN_EXPIRED: 'Este enlace ha caducado. Por favor, pida uno nuevo a su clínica.',
  FORBIDDEN: 'No tiene permiso para hacer eso.',
  NOT_FOUND: 'No encontramos esta sesión. Por favor, confirme el enlace con su clínica.',
  CONFLICT:
    'Eso choca con lo que está pasando ahora. Puede que ya esté en esta sesión en otra ventana.',
  NOT_JOINED: 'Todavía no está en la sesión. Vuelva a cargar la página para entrar.',
  NOT_ADMITTED: 'Sigue en la sala de espera. Su terapeuta le dejará entrar.',
  INVALID_STATE: 'Eso no se puede hacer ahora. Espere un momento y vuelva a intentarlo.',
  SESSION_ENDED: 'Esta sesión ha terminado.',
  SESSION_LOCKED:
    'Esta sesión ya no admite llegadas tarde. Por favor, comuníquese con su terapeuta o su clínica.',
  SESSION_ELSEWHERE:
    'Todavía lo estamos conectando con su sesión. Lo intentaremos de nuevo en un momento.',
  REMOVED: 'Su terapeuta le retiró de esta sesión.',
  INVITE_INVALID: 'Esta invitación ya no es válida. Por favor, pida un enlace nuevo a su clínica.',
  CHECK_IN_REQUIRED: 'Por favor, responda las preguntas de registro antes de entrar.',
  INVALID_CREDENTIALS: 'El correo electrónico o la contraseña no son correctos.',
  MEDIA_ERROR:
    'Tuvimos problemas para conectar su audio o video. Inténtelo de nuevo; volver a cargar la página suele ayudar.',
  RATE_LIMITED: 'Demasiados intentos en poco tiempo. Espere un minuto y vuelva a intentarlo.',
  INTERNAL: 'Algo salió mal de nuestro lado. Por favor, inténtelo de nuevo en un momento.',
  TIMEOUT:
    'La conexión es lenta o se interrumpió, y no recibimos respuesta a tiempo. Revise su conexión a internet.',
  DISCONNECTED:
    'Se perdió la conexión con la sesión. Revise su conexión a internet y vuelva a cargar la página.',
  DEVICE_DENIED:
    'Haven no tiene permiso para usar su cámara o micrófono. Permita el acceso en la configuración de su navegador y vuelva a cargar la página. Aun así puede escuchar.',
  DEVICE_UNAVAILABLE:
    'No pudimos encender su cámara o micrófono. Revise que esté conectado y que otra aplicación no lo esté usando. Aun así puede escuchar.',
  UNSUPPORTED_BROWSER:
    'Este navegador no puede entrar a sesiones de video. Use una versión reciente de Chrome, Edge, Firefox o Safari.',
  E2EE_UNSUPPORTED:
    'Esta sesión está cifrada de extremo a extremo y este navegador no puede cifrar el video por sí mismo. Use una versión reciente de Chrome, Edge, Firefox o Safari.',
} satisfies Translation<typeof ERROR_MESSAGES>;
