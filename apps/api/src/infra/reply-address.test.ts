import { describe, expect, it } from 'vitest';
import { keyFromReplyAddress, replyAddress, replyKeyFor } from './reply-address';

const secret = 'a-secret-of-at-least-thirty-two-chars';
const domain = 'reply.hub.example';
const ids = { userId: '6f1c1f4e-3c1b-4a59-9a55-6c1f0d1e2a3b', threadId: '0b7e3d56-7a8f-4f2e-8d1c-5e9a2b3c4d5e', postId: 'c3d2e1f0-1a2b-4c3d-8e9f-0a1b2c3d4e5f' };

describe('reply addresses', () => {
  it('are the same for the same person and post, and differ for another post', () => {
    expect(replyKeyFor(secret, ids)).toBe(replyKeyFor(secret, ids));
    expect(replyKeyFor(secret, { ...ids, postId: null })).not.toBe(replyKeyFor(secret, ids));
    expect(replyKeyFor('another-secret-of-thirty-two-characters', ids)).not.toBe(replyKeyFor(secret, ids));
  });

  it('fit the 64 octets of a local part, in lower case, and give back their key', () => {
    const key = replyKeyFor(secret, ids);
    const address = replyAddress(secret, domain, key);
    expect(address).toMatch(/^reply\+[a-z2-7]{32}@reply\.hub\.example$/);
    expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
    expect(keyFromReplyAddress(secret, domain, address)).toBe(key);
    // Some servers change the case of the local part or the domain.
    expect(keyFromReplyAddress(secret, domain, address.toUpperCase())).toBe(key);
  });

  it('refuse a changed token, another secret, another domain or another local part', () => {
    const address = replyAddress(secret, domain, replyKeyFor(secret, ids));
    const token = address.slice('reply+'.length, address.indexOf('@'));
    for (let i = 0; i < token.length; i += 5) {
      const changed = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      expect(keyFromReplyAddress(secret, domain, `reply+${changed}@${domain}`)).toBeNull();
    }
    expect(keyFromReplyAddress('another-secret-of-thirty-two-characters', domain, address)).toBeNull();
    expect(keyFromReplyAddress(secret, domain, address.replace(domain, 'other.example'))).toBeNull();
    expect(keyFromReplyAddress(secret, domain, address.replace(domain, `sub.${domain}`))).toBeNull();
    expect(keyFromReplyAddress(secret, domain, address.replace('reply+', 'answer+'))).toBeNull();
    expect(keyFromReplyAddress(secret, domain, `reply+${token.slice(1)}@${domain}`)).toBeNull();
    expect(keyFromReplyAddress(secret, domain, `reply+${token}1@${domain}`)).toBeNull();
    expect(keyFromReplyAddress(secret, domain, 'postmaster@reply.hub.example')).toBeNull();
  });
});
