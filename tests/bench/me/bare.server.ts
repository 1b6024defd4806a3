// The floor to compare with: a fresh Fastify with no plugins doing the work of
// GET /api/me by hand, the way sessions.service.ts validateSessionToken does it:
// split the cookie token into id.secret, one query for the session joined to its
// user, a constant-time comparison of SHA-256(secret), the expiry checks, and the
// same JSON as accounts.mapper.ts toUser.
import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';
import { reportReady } from '../lib/servers';

const cookieName = process.env.BENCH_COOKIE_NAME ?? '__Host-mutirao_session';
const pool = new pg.Pool({ connectionString: process.env.BENCH_DATABASE_URL, max: 10 });

// Every column of both tables, as drizzle selects `{ session: sessions, user: users }`.
const sessionQuery = `
  select s.id, s.secret_hash, s.user_id, s.created_at, s.last_used_at, s.expires_at, s.absolute_expires_at,
         s.user_agent, s.ip,
         u.id as u_id, u.email, u.email_normalized, u.name, u.password_hash, u.role, u.locale, u.country,
         u.organisation_name, u.bio, u.email_verified_at, u.created_at as u_created_at, u.updated_at as u_updated_at
    from sessions s
    inner join users u on u.id = s.user_id
   where s.id = $1
   limit 1`;

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const app = Fastify();
app.get('/api/me', async (request, reply) => {
  const token = readCookie(request.headers.cookie, cookieName);
  const dot = token ? token.indexOf('.') : -1;
  if (!token || dot <= 0 || token.length > 200) return reply.code(401).send({ code: 'unauthenticated' });
  const { rows } = await pool.query(sessionQuery, [token.slice(0, dot)]);
  const row = rows[0];
  const hash = Buffer.from(createHash('sha256').update(token.slice(dot + 1)).digest('hex'));
  const stored = row ? Buffer.from(row.secret_hash as string) : undefined;
  const now = Date.now();
  if (
    !row ||
    !stored ||
    stored.length !== hash.length ||
    !timingSafeEqual(stored, hash) ||
    (row.expires_at as Date).getTime() <= now ||
    (row.absolute_expires_at as Date).getTime() <= now
  ) {
    return reply.code(401).send({ code: 'unauthenticated' });
  }
  return {
    user: {
      id: row.u_id,
      name: row.name,
      email: row.email,
      role: row.role,
      locale: row.locale,
      country: row.country,
      organisationName: row.organisation_name,
      bio: row.bio,
      emailVerified: row.email_verified_at !== null,
      createdAt: (row.u_created_at as Date).toISOString()
    }
  };
});

await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
reportReady(typeof address === 'object' && address ? address.port : 0, async () => {
  await app.close();
  await pool.end();
});
