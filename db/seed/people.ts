/** The demo's people: fictional, with a plausible spread of countries and languages. */
export const demoStaff = [
  { key: 'coordinator', name: 'Lucía Fernández', email: 'coordinator@demo.mutirao.org', role: 'coordinator', locale: 'es', country: 'CO' },
  { key: 'member', name: 'João Pereira', email: 'member@demo.mutirao.org', role: 'member', locale: 'pt', country: 'BR' }
] as const;

/** Further members who give the demo organisations their staff. */
export const demoMembers = [
  { name: 'Mariana Quispe', email: 'mariana.quispe@demo.mutirao.org', locale: 'es', country: 'PE' },
  { name: 'Carlos Mendoza', email: 'carlos.mendoza@demo.mutirao.org', locale: 'es', country: 'MX' },
  { name: 'Beatriz Santos', email: 'beatriz.santos@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Andrea Rojas', email: 'andrea.rojas@demo.mutirao.org', locale: 'es', country: 'CL' },
  { name: 'Marcus Thompson', email: 'marcus.thompson@demo.mutirao.org', locale: 'en', country: 'JM' },
  { name: 'Valentina Gómez', email: 'valentina.gomez@demo.mutirao.org', locale: 'es', country: 'AR' },
  { name: 'Rafael Duarte', email: 'rafael.duarte@demo.mutirao.org', locale: 'pt', country: 'BR' },
  { name: 'Sophie Baptiste', email: 'sophie.baptiste@demo.mutirao.org', locale: 'en', country: 'HT' },
  { name: 'Diego Alvarado', email: 'diego.alvarado@demo.mutirao.org', locale: 'es', country: 'GT' },
  { name: 'Camila Herrera', email: 'camila.herrera@demo.mutirao.org', locale: 'es', country: 'EC' }
] as const;
