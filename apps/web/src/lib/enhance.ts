import type { SubmitFunction } from '@sveltejs/kit';

/**
 * use:enhance for the hub's forms. Passwords are emptied after every answer, as a page
 * rendered without JavaScript would show them; `pending` lets the button say it is busy;
 * `reset: false` keeps a form that shows saved values (the profile) as the person left it.
 */
export function enhanceForm(options: { pending?: (busy: boolean) => void; reset?: boolean } = {}): SubmitFunction {
  return ({ formElement }) => {
    options.pending?.(true);
    return async ({ update }) => {
      try {
        await update({ reset: options.reset ?? true });
      } finally {
        for (const input of formElement.querySelectorAll<HTMLInputElement>('input[type="password"]')) input.value = '';
        options.pending?.(false);
      }
    };
  };
}
