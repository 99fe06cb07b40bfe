import type { CallErrorCode } from '../../call/errors';
import type { Locale } from '../../i18n';
import { errorMessage } from '../../ui/errorMessages';

/**
 * Plain-language sentences for staff: the shared sentences, except the few written for a
 * patient holding a link ("ask your clinic for a new one"), which a clinician reads here.
 */
const FOR_STAFF: Record<Locale, Partial<Record<CallErrorCode, string>>> = {
  en: {
    UNAUTHENTICATED: 'Your sign-in has ended. Please sign in again.',
    TOKEN_EXPIRED: 'Your sign-in has ended. Please sign in again.',
    NOT_FOUND: 'We couldn’t find this. It may have been removed, or the address is wrong.',
    FORBIDDEN: 'Your account isn’t allowed to do that for this session.',
    CONFLICT: 'That clashes with what is happening right now. Please reload and try again.',
    NOT_JOINED: 'You aren’t connected to the session. Please reload the page.',
    NOT_ADMITTED: 'You aren’t connected to the session. Please reload the page.',
    SESSION_LOCKED: 'This session is closed to late arrivals.',
    REMOVED: 'This person was removed from the session.',
    INVITE_INVALID: 'This invitation is no longer valid. Please create a new link.',
  },
  es: {
    UNAUTHENTICATED: 'Su sesión ha terminado. Vuelva a iniciar sesión.',
    TOKEN_EXPIRED: 'Su sesión ha terminado. Vuelva a iniciar sesión.',
    NOT_FOUND: 'No lo encontramos. Puede que se haya eliminado o que la dirección no sea correcta.',
    FORBIDDEN: 'Su cuenta no tiene permiso para hacer eso en esta sesión.',
    CONFLICT: 'Eso choca con lo que está pasando ahora. Vuelva a cargar e inténtelo de nuevo.',
    NOT_JOINED: 'No está conectado a la sesión. Vuelva a cargar la página.',
    NOT_ADMITTED: 'No está conectado a la sesión. Vuelva a cargar la página.',
    SESSION_LOCKED: 'Esta sesión está cerrada a quienes llegan tarde.',
    REMOVED: 'Esta persona fue retirada de la sesión.',
    INVITE_INVALID: 'Esta invitación ya no es válida. Cree un enlace nuevo.',
  },
};

/** The sentence a staff member reads for an error code, in their language. */
export function errorText(code: string, locale: Locale): string {
  return FOR_STAFF[locale][code as CallErrorCode] ?? errorMessage(code, locale);
}

/** The stable code of anything thrown by `api()` or a call request; INTERNAL otherwise. */
export function codeOf(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return 'INTERNAL';
}

/** For tests: the codes given a staff sentence in each language. */
export const staffOverrides = FOR_STAFF;
