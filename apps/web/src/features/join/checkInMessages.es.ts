import type { Translation } from '../../i18n';
import type { checkInMessages } from './checkInMessages';

export default {
  title: 'Antes de entrar',
  intro:
    'Su terapeuta hace estas preguntas en cada sesión, por su seguridad. Solo su equipo de atención ve sus respuestas.',
  required: 'Todas las preguntas son obligatorias.',
  location: '¿Dónde está en este momento?',
  locationHint: 'Una ciudad y calle, o un lugar (“en casa, en Albany”), por si hay una emergencia.',
  state: '¿En qué estado está?',
  statePlaceholder: 'Elija un estado',
  atHome: '¿Está en su casa?',
  privatePlace: '¿Puede hablar en privado donde está?',
  privateHint:
    'Si hay otras personas cerca, una habitación más tranquila o unos auriculares ayudan. Aun así puede entrar.',
  yes: 'Sí',
  no: 'No',
  contact: 'Contacto de emergencia para hoy',
  contactHint: 'Alguien a quien su terapeuta pueda llamar si le preocupa su bienestar.',
  contactName: 'Su nombre',
  contactPhone: 'Su número de teléfono',
  rules: 'Reglas del grupo',
  rule1: 'No grabaré, fotografiaré ni haré capturas de pantalla de la sesión.',
  rule2: 'Lo que otros comparten en el grupo se queda en el grupo.',
  rule3: 'Entraré desde un lugar donde otros no puedan escuchar, en la medida de lo posible.',
  agree: 'Acepto las reglas del grupo',
  back: 'Atrás',
  submit: 'Entrar a la sala de espera',
  summary: 'Revise {count} respuestas:',
  summaryOne: 'Revise una respuesta:',
  problemRequired: 'Complete este dato, por favor.',
  problemTooLong: 'Es demasiado largo. Acórtelo, por favor.',
  problemPhone: 'Escriba un número de teléfono con su código de área, por ejemplo 555-123-4567.',
  problemChoose: 'Elija una respuesta, por favor.',
  problemAgree: 'Acepte las reglas del grupo para entrar.',
} satisfies Translation<typeof checkInMessages>;
