import { defineProblems } from './problems';

/** The problem codes of the organisations routes, beyond the hub-wide ones. */
export const organisationsProblems = defineProblems({
  organisation_name_taken: { status: 409, description: 'A member organisation already has this name.' },
  already_member: { status: 409, description: 'The person already belongs to the organisation.' },
  join_request_pending: { status: 409, description: 'A request to join is already waiting for a decision.' },
  already_decided: { status: 409, description: 'The request was already approved or declined.' },
  invalid_status: { status: 409, description: 'The organisation’s status does not allow this change.' },
  invitation_email_mismatch: {
    status: 409,
    description: 'The invitation was sent to another address; send `confirmDifferentAccount: true` to accept it anyway.'
  },
  invitation_expired: { status: 410, description: 'The invitation has expired; ask for a new one.' },
  invitation_used: { status: 410, description: 'The invitation was already used.' },
  invalid_logo: { status: 400, description: 'The file is not a PNG, JPEG, WebP or SVG image.' },
  unsafe_logo: { status: 400, description: 'The SVG carries scripts, links or embedded documents.' },
  logo_too_large: { status: 413, description: 'The logo is larger than 2 MB.' }
});
