import type { CallErrorCode } from '../call/errors';
import { defineMessages, getLocale, type Locale } from '../i18n';

/** One plain sentence (or two) per error code, written for a patient on a phone. */
export const ERROR_MESSAGES = defineMessages<CallErrorCode>({
  en: {
    BAD_REQUEST: 'Something in that request wasn’t right. Please try again.',
    PROTOCOL_MISMATCH: 'Haven has been updated. Please reload this page to continue.',
    UNAUTHENTICATED:
      'This link isn’t valid. Please use the link your clinic sent you, or ask them for a new one.',
    TOKEN_EXPIRED: 'This link has expired. Please ask your clinic for a new one.',
    FORBIDDEN: 'You don’t have permission to do that.',
    NOT_FOUND: 'We couldn’t find this session. Please check the link with your clinic.',
    CONFLICT:
      'That clashes with what is happening right now. You may already be in this session in another window.',
    NOT_JOINED: 'You aren’t in the session yet. Please reload the page to join.',
    NOT_ADMITTED: 'You’re still in the waiting room. Your clinician will let you in.',
    INVALID_STATE: 'That can’t be done right now. Please wait a moment and try again.',
    SESSION_ENDED: 'This session has ended.',
    SESSION_LOCKED:
      'This session is closed to late arrivals. Please contact your clinician or your clinic.',
    REMOVED: 'Your clinician removed you from this session.',
    INVITE_INVALID: 'This invitation is no longer valid. Please ask your clinic for a new link.',
    CHECK_IN_REQUIRED: 'Please answer the check-in questions before joining.',
    INVALID_CREDENTIALS: 'The email or password is not correct.',
    MEDIA_ERROR:
      'We had trouble connecting your audio or video. Please try again; reloading the page often helps.',
    RATE_LIMITED: 'Too many attempts in a short time. Please wait a minute and try again.',
    INTERNAL: 'Something went wrong on our side. Please try again in a moment.',
    TIMEOUT:
      'The connection is slow or interrupted, so we got no answer in time. Please check your internet connection.',
    DISCONNECTED:
      'The connection to the session was lost. Please check your internet connection and reload the page.',
    DEVICE_DENIED:
      'Haven isn’t allowed to use your camera or microphone. Allow access in your browser’s settings, then reload. You can still listen.',
    DEVICE_UNAVAILABLE:
      'We couldn’t start your camera or microphone. Check that it is connected and not in use by another app. You can still listen.',
    UNSUPPORTED_BROWSER:
      'This browser can’t join video sessions. Please use a recent Chrome, Edge, Firefox or Safari.',
  },
  es: {
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
    REMOVED: 'Su terapeuta le retiró de esta sesión.',
    INVITE_INVALID:
      'Esta invitación ya no es válida. Por favor, pida un enlace nuevo a su clínica.',
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
  },
});

const isKnown = (code: string): code is CallErrorCode => code in ERROR_MESSAGES.en;

/** The sentence for an error code in a language (the current one by default); unknown codes get the generic one. */
export function errorMessage(code: string, locale: Locale = getLocale()): string {
  return ERROR_MESSAGES[locale][isKnown(code) ? code : 'INTERNAL'];
}
