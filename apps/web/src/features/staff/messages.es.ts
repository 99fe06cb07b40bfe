import type { Translation } from '../../i18n';
import type { staffMessages } from './messages';

export default {
  brand: 'Haven',
  area: 'Clínico',
  mainNav: 'Personal',
  today: 'Sesiones de hoy',
  signedInAs: 'Sesión iniciada como {name}',
  signOut: 'Cerrar sesión',
  signingOut: 'Cerrando sesión…',
  loading: 'Cargando…',
  checkingSignIn: 'Comprobando su sesión…',
  loginTitle: 'Acceso del personal',
  loginIntro:
    'Para clínicos y personal del programa. Los pacientes no inician sesión: entran con el enlace que les envió su clínica.',
  email: 'Correo electrónico',
  password: 'Contraseña',
  showPassword: 'Mostrar contraseña',
  signIn: 'Iniciar sesión',
  signingIn: 'Iniciando sesión…',
  missingFields: 'Escriba su correo electrónico y su contraseña.',
  badEmail: 'Revise el correo electrónico: parece incompleto.',
  tooManySignIns:
    'Demasiados intentos fallidos. Espere 15 minutos o pida a un administrador que restablezca su contraseña.',
  signedOutNote: 'Ha cerrado la sesión.',
  expiredNote: 'Inicie sesión para continuar.',
  goToAdmin: 'Ir a administración',
  dismiss: 'Cerrar',
  retry: 'Intentar de nuevo',
  pageNotFound: 'No encontramos esa página.',
} satisfies Translation<typeof staffMessages>;
