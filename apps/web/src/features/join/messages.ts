import { defineMessages } from '../../i18n';

/** The join page's frame: opening the invitation, the steps, and what goes wrong on the way. */
export const joinMessages = defineMessages({
  en: {
    brand: 'Haven',
    skip: 'Skip to the main content',
    steps: 'Steps to join',
    stepDevices: 'Devices',
    stepCheckIn: 'Check-in',
    stepWaiting: 'Waiting room',
    stepOf: 'Step {n} of {total}',
    opening: 'Opening your invitation…',
    openingHint: 'This takes a moment on a slow connection.',
    failedTitle: 'We couldn’t open your invitation',
    noLinkTitle: 'Please open the link your clinic sent you',
    noLinkBody:
      'This page needs the invitation link from your clinic (in a text message or an email). If you opened it before in this tab, it may have expired: ask your clinic for a new one.',
    notFoundNow:
      'There is no session for this link right now. Please check the time of your group, or contact your clinic.',
    retry: 'Try again',
    retrying: 'Trying again…',
    sessionAt: '{title}, {day} at {time}',
    greeting: 'Hello, {name}.',
    preparing: 'Getting the session ready…',
    loadFailed:
      'Part of the page didn’t load. Please check your internet connection and try again.',
  },
  es: {
    brand: 'Haven',
    skip: 'Saltar al contenido principal',
    steps: 'Pasos para entrar',
    stepDevices: 'Dispositivos',
    stepCheckIn: 'Registro',
    stepWaiting: 'Sala de espera',
    stepOf: 'Paso {n} de {total}',
    opening: 'Abriendo su invitación…',
    openingHint: 'Con una conexión lenta, esto tarda un momento.',
    failedTitle: 'No pudimos abrir su invitación',
    noLinkTitle: 'Abra el enlace que le envió su clínica',
    noLinkBody:
      'Esta página necesita el enlace de invitación de su clínica (en un mensaje de texto o un correo electrónico). Si ya lo abrió antes en esta pestaña, puede haber caducado: pida uno nuevo a su clínica.',
    notFoundNow:
      'No hay ninguna sesión para este enlace en este momento. Revise el horario de su grupo o comuníquese con su clínica.',
    retry: 'Intentar de nuevo',
    retrying: 'Intentando de nuevo…',
    sessionAt: '{title}, {day} a las {time}',
    greeting: 'Hola, {name}.',
    preparing: 'Preparando la sesión…',
    loadFailed:
      'Una parte de la página no se cargó. Revise su conexión a internet e inténtelo de nuevo.',
  },
});
