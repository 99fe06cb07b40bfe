import type { Translation } from '../../i18n';
import type { joinMessages } from './messages';

export default {
  brand: 'Haven',
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
  sessionAt: '{title}, {day} a las {time}',
  greeting: 'Hola, {name}.',
  preparing: 'Preparando la sesión…',
  loadFailedTitle: 'La página no terminó de cargarse',
  loadFailed:
    'Una parte de la página no se cargó. Revise su conexión a internet y vuelva a cargar la página.',
  reload: 'Volver a cargar la página',
} satisfies Translation<typeof joinMessages>;
