import type { Translation } from '../../../i18n';
import type { peopleMessages } from './messages';

export default {
  title: 'Personas',
  intro:
    'El personal inicia sesión para dirigir sesiones y administrar el programa. Los pacientes nunca inician sesión: entran con el enlace que les envía su clínica. No se borra a nadie: desactive a una persona para quitarle el acceso y conservar sus registros.',
  tabsLabel: 'Personal o pacientes',
  staffTab: 'Personal',
  patientsTab: 'Pacientes',
  staffHeading: 'Personal',
  patientsHeading: 'Pacientes',
  addStaff: 'Añadir miembro del personal',
  addPatient: 'Añadir paciente',
  editStaff: 'Editar a {name}',
  editPatient: 'Editar a {name}',
  name: 'Nombre',
  email: 'Correo electrónico',
  role: 'Función',
  'role.admin': 'Administrador',
  'role.clinician': 'Clínico',
  password: 'Contraseña temporal',
  passwordHint:
    'Al menos 12 caracteres. Compártala de forma privada; la persona podrá cambiarla después.',
  newPassword: 'Nueva contraseña',
  newPasswordHint: 'Déjela vacía para mantener la contraseña actual. Al menos 12 caracteres.',
  staffTable: 'Miembros del personal',
  patientsTable: 'Pacientes',
  noStaff: 'Todavía no hay personal.',
  noPatients: 'Todavía no hay pacientes. Añada el primero.',
  legalName: 'Nombre legal',
  legalNameHint:
    'Como figura en el seguro del paciente; solo se usa en las exportaciones de facturación.',
  displayName: 'Nombre que ve el grupo',
  displayNameHint:
    'Nombre e inicial del apellido, por ejemplo «María G.». Déjelo vacío para crearlo a partir del nombre legal.',
  contactEmail: 'Correo de contacto',
  contactPhone: 'Teléfono de contacto',
  emergencyName: 'Contacto de emergencia',
  emergencyPhone: 'Teléfono de emergencia',
  state: 'Estado de residencia',
  notRecorded: 'Sin registrar',
  contact: 'Contacto',
  deactivateStaffTitle: '¿Desactivar a {name}?',
  deactivateStaffBody:
    'Se cerrará la sesión de {name} en todas partes y ya no podrá iniciar sesión. Sus acciones pasadas se conservan en los registros. Puede reactivarlo más tarde.',
  reactivateStaffTitle: '¿Reactivar a {name}?',
  reactivateStaffBody: '{name} podrá volver a iniciar sesión.',
  deactivatePatientTitle: '¿Desactivar a {name}?',
  deactivatePatientBody:
    '{name} dejará de aparecer en las listas para nuevas sesiones. Sus registros de asistencia se conservan. Puede reactivarlo más tarde.',
  reactivatePatientTitle: '¿Reactivar a {name}?',
  reactivatePatientBody: '{name} volverá a aparecer en las listas.',
  createdStaff: 'Se añadió a {name}.',
  createdPatient: 'Se añadió a {name}. Inscríbalo en un grupo en la página Programas.',
  updated: 'Se guardaron los cambios de {name}.',
  showInactive: 'Mostrar personas inactivas',
  enrollLink: 'Inscribir pacientes en grupos',
} satisfies Translation<typeof peopleMessages>;
