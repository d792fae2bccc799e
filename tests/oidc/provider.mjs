// Minimal OpenID Connect test provider for loopback end-to-end tests.
// Usage: node provider.mjs [port]   (port 0 / unset = ephemeral; actual URL printed as "READY <issuer>")
// Env: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URIS (comma/space separated),
//      CLIENT2_ID, CLIENT2_SECRET (optional second, genuine client), DEFAULT_EMAIL, ID_TOKEN_TTL (seconds).
//
// Non-interactive login: /auth -> 303 /interaction/<uid> -> (this script completes login + consent)
//   -> 303 /auth/<uid> -> 303 <redirect_uri>?code=..&state=..&iss=..
// Query params on /interaction/<uid> (all optional):
//   login=<email>           account email (else the auth request's login_hint, else DEFAULT_EMAIL)
//   email_verified=false    report email_verified=false
//   tamper=<mode>           re-sign the ID token this flow gets at /token:
//                           wrong_aud | expired | bad_sig | wrong_nonce | wrong_iss
import { createHash, createPrivateKey, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import { createServer } from 'node:http';
import Provider, { interactionPolicy } from 'oidc-provider';

const env = process.env;
const CLIENT_ID = env.CLIENT_ID ?? 'rp';
const CLIENT_SECRET = env.CLIENT_SECRET ?? 'rp-secret';
const REDIRECT_URIS = (env.REDIRECT_URIS ?? 'http://127.0.0.1:3000/auth/oidc/callback').split(/[\s,]+/).filter(Boolean);
const DEFAULT_EMAIL = env.DEFAULT_EMAIL ?? 'alice@example.com';
const ID_TOKEN_TTL = Number(env.ID_TOKEN_TTL ?? 3600);

// RS256 signing key, generated per run.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-rs256', alg: 'RS256', use: 'sig' };
const signingKey = createPrivateKey({ key: signingJwk, format: 'jwk' });

const accounts = new Map(); // sub -> { email, emailVerified }
const tamperByNonce = new Map(); // nonce -> mode
const subFor = (email) => `u-${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 20)}`;

// Always ask for login (a fresh interaction per /auth), so one cookie jar can sign in different users.
const policy = interactionPolicy.base();
policy.get('login').checks.add(new interactionPolicy.Check(
  'always_login', 'test provider always authenticates',
  (ctx) => (ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT),
));

const server = createServer();
await new Promise((resolve) => server.listen(Number(process.argv[2] ?? env.PORT ?? 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const clients = [{
  client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: REDIRECT_URIS,
  grant_types: ['authorization_code'], response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: 'RS256',
}];
if (env.CLIENT2_ID) {
  clients.push({ ...clients[0], client_id: env.CLIENT2_ID, client_secret: env.CLIENT2_SECRET ?? 'rp2-secret' });
}

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingJwk] },
  cookies: { keys: ['test-cookie-key-0123456789abcdef'] },
  pkce: { required: () => true }, // only S256 is accepted by default
  scopes: ['openid', 'email', 'profile'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  conformIdTokenClaims: false, // put scope-requested claims (email, ...) into the ID token for the code flow
  features: { devInteractions: { enabled: false } },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  ttl: { IdToken: ID_TOKEN_TTL, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
  async findAccount(ctx, sub) {
    const a = accounts.get(sub);
    if (!a) return undefined;
    return {
      accountId: sub,
      async claims() { return { sub, email: a.email, email_verified: a.emailVerified, name: a.email.split('@')[0] }; },
    };
  },
});

// Test-only: re-sign the ID token in the token response according to the flow's tamper mode.
const b64 = (buf) => Buffer.from(buf).toString('base64url');
function resign(idToken, mode) {
  const [h, p] = idToken.split('.');
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'wrong_aud') payload.aud = 'some-other-client';
  if (mode === 'expired') { payload.iat = now - 7200; payload.exp = now - 3600; }
  if (mode === 'wrong_nonce') payload.nonce = 'not-the-nonce-you-sent';
  if (mode === 'wrong_iss') payload.iss = 'http://127.0.0.1:1';
  const input = `${h}.${b64(JSON.stringify(payload))}`;
  const sig = rsaSign('sha256', Buffer.from(input), signingKey);
  if (mode === 'bad_sig') sig[sig.length - 1] ^= 0xff;
  return `${input}.${b64(sig)}`;
}
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token) {
    const payload = JSON.parse(Buffer.from(ctx.body.id_token.split('.')[1], 'base64url').toString());
    const mode = tamperByNonce.get(payload.nonce);
    if (mode) { tamperByNonce.delete(payload.nonce); ctx.body = { ...ctx.body, id_token: resign(ctx.body.id_token, mode) }; }
  }
});

// The "login page": completes login and consent at once, no HTML.
async function interaction(req, res) {
  try {
    const q = new URL(req.url, issuer).searchParams;
    const details = await provider.interactionDetails(req, res);
    const { params } = details;
    const email = q.get('login') || params.login_hint || DEFAULT_EMAIL;
    const sub = subFor(email);
    accounts.set(sub, { email, emailVerified: q.get('email_verified') !== 'false' });
    if (q.get('tamper') && params.nonce) tamperByNonce.set(params.nonce, q.get('tamper'));
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId: sub, clientId: params.client_id });
    grant.addOIDCScope(String(params.scope));
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } },
      { mergeWithLastSubmission: false });
  } catch (err) {
    res.statusCode = 400;
    res.setHeader('content-type', 'text/plain');
    res.end(`interaction failed: ${err.message}\n`);
  }
}

const app = provider.callback();
server.on('request', (req, res) => (req.url.startsWith('/interaction/') ? interaction(req, res) : app(req, res)));
console.log(`READY ${issuer}`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
