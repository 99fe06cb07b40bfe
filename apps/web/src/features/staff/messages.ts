import { defineMessages } from '../../i18n';

/** Sign-in, the staff header and what every staff page shares. */
export const staffMessages = defineMessages('features/staff/messages', {
  brand: 'Haven',
  area: 'Clinician',
  mainNav: 'Staff',
  today: 'Today’s sessions',
  signedInAs: 'Signed in as {name}',
  signOut: 'Sign out',
  signingOut: 'Signing out…',
  loading: 'Loading…',
  checkingSignIn: 'Checking your sign-in…',
  loginTitle: 'Staff sign-in',
  loginIntro:
    'For clinicians and program staff. Patients don’t sign in: they join with the link their clinic sent them.',
  email: 'Email',
  password: 'Password',
  showPassword: 'Show password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  missingFields: 'Please enter your email address and your password.',
  badEmail: 'Please check the email address: it doesn’t look complete.',
  tooManySignIns:
    'Too many failed sign-ins. Please wait 15 minutes, or ask an administrator to reset your password.',
  signedOutNote: 'You have signed out.',
  expiredNote: 'Please sign in to continue.',
  goToAdmin: 'Go to administration',
  dismiss: 'Dismiss',
  retry: 'Try again',
  pageNotFound: 'We couldn’t find that page.',
});
