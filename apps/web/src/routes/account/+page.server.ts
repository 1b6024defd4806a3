import { error, redirect } from '@sveltejs/kit';
import { api } from '@mutirao/shared';
import { isLocale } from '@mutirao/shared/locales';
import { fieldMessage } from '$lib/i18n/problems';
import { call } from '$lib/server/api';
import { failFromProblem, failWithFields, formText } from '$lib/server/forms';
import { rememberLocale } from '$lib/server/locale';
import { accountRightsActions, contactPreference } from './account-rights.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  if (!event.locals.user) redirect(303, '/sign-in?next=/account');
  const [sessions, notifications] = await Promise.all([
    call(event, api.listMySessions, {}),
    call(event, api.notificationSettings, {})
  ]);
  if (!sessions.ok) error(sessions.status, sessions.problem.code);
  if (!notifications.ok) error(notifications.status, notifications.problem.code);
  return { sessions: sessions.data.items, notificationSettings: notifications.data.items, contactOpen: await contactPreference(event) };
};

export const actions: Actions = {
  profile: async (event) => {
    const data = await event.request.formData();
    const values = {
      name: formText(data, 'name'),
      locale: formText(data, 'locale'),
      country: formText(data, 'country'),
      organisationName: formText(data, 'organisationName'),
      bio: formText(data, 'bio')
    };
    const result = await call(event, api.updateMe, {
      body: {
        name: values.name.trim(),
        locale: values.locale,
        country: values.country,
        // An emptied field clears the value.
        organisationName: values.organisationName.trim() || null,
        bio: values.bio.trim() || null
      }
    });
    if (!result.ok) return failFromProblem(result.status, result.problem, values, 'profile');
    const locale = result.data.user.locale;
    if (isLocale(locale)) rememberLocale(event.cookies, locale, event.url.protocol === 'https:');
    return { saved: 'profile' };
  },

  password: async (event) => {
    const data = await event.request.formData();
    const newPassword = formText(data, 'newPassword');
    if (newPassword !== formText(data, 'confirmPassword')) {
      return failWithFields({}, { confirmPassword: fieldMessage('confirmPassword', 'passwords_differ') }, 'password');
    }
    const result = await call(event, api.changePassword, {
      body: { currentPassword: formText(data, 'currentPassword'), newPassword }
    });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'password');
    return { saved: 'password' };
  },

  /** One checkbox per mailed kind: the ones ticked are mailed, the others only shown in the app. */
  notifications: async (event) => {
    const data = await event.request.formData();
    const email = data.getAll('email').filter((value): value is string => typeof value === 'string');
    const result = await call(event, api.updateNotificationSettings, { body: { email } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'notifications');
    return { saved: 'notifications' };
  },

  endSession: async (event) => {
    const data = await event.request.formData();
    const id = formText(data, 'id');
    const current = formText(data, 'current') === 'true';
    const result = await call(event, api.endMySession, { params: { id } });
    if (!result.ok) return failFromProblem(result.status, result.problem, {}, 'sessions');
    // Ending this device's session signs out here: the API has cleared the cookie.
    if (current) redirect(303, '/');
    return { saved: 'session' };
  },

  ...accountRightsActions
};
