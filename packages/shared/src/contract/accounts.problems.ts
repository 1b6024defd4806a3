import { defineProblems } from './problems';

/** The problem codes of the accounts routes, beyond the hub-wide ones. */
export const accountsProblems = defineProblems({
  invalid_credentials: { status: 401, description: 'The email or password is not right.' },
  email_not_verified: { status: 403, description: 'The account exists but its email is not confirmed yet.' },
  wrong_password: { status: 400, description: 'The current password is not right.' },
  invalid_token: { status: 400, description: 'The mailed link is invalid, already used or expired.' },
  email_taken: { status: 409, description: 'That email already has an account.' },
  last_admin: { status: 409, description: 'The change would leave no admin (of the hub, or of an organisation).' }
});
