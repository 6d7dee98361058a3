// AWS's own JS SDK v3 against the local backend, as an app would use it against AWS:
// Cognito Identity (GetId, GetCredentialsForIdentity) for guest and signed-in credentials, then a GET to the
// AWS_IAM API signed by @smithy/signature-v4, and the user pool's access token on the AMAZON_COGNITO_USER_POOLS API.
// Input: the `amplify-rest emulator --json` line as the first argument. Output: one JSON line of results.
// Nothing secret is printed.
import { CognitoIdentityClient, GetIdCommand, GetCredentialsForIdentityCommand } from "@aws-sdk/client-cognito-identity";
import { SignatureV4 } from "@smithy/signature-v4";
import { Sha256 } from "@aws-crypto/sha256-js";

const backend = JSON.parse(process.argv[2]);
const region = backend.region;
const cognito = new CognitoIdentityClient({ region, endpoint: backend.cognitoIdentity });

async function credentials(logins) {
  const { IdentityId } = await cognito.send(new GetIdCommand({ IdentityPoolId: backend.identityPoolId, Logins: logins }));
  const { Credentials } = await cognito.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
  return {
    identityId: IdentityId,
    credentials: { accessKeyId: Credentials.AccessKeyId, secretAccessKey: Credentials.SecretKey, sessionToken: Credentials.SessionToken },
  };
}

async function signedGet(apiUrl, path, creds) {
  const url = new URL(apiUrl + path);
  const signer = new SignatureV4({ service: "execute-api", region, credentials: creds, sha256: Sha256 });
  const signed = await signer.sign({
    method: "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    port: Number(url.port),
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: { host: url.host },
  });
  return answer(await fetch(url, { headers: signed.headers }));
}

async function answer(response) {
  const text = await response.text();
  let body = null;
  try { body = JSON.parse(text); } catch { body = { text }; }
  // Only the first line of a refusal: its canonical request names the session token.
  return { status: response.status, principal: body.principal ?? null, role: body.role ?? null, message: body.message?.split("\n")[0] ?? null };
}

// USER_PASSWORD_AUTH over the plain JSON 1.1 protocol (what every Cognito SDK sends), for the user's tokens.
async function signIn(user) {
  const response = await fetch(backend.cognitoIdentityProvider, {
    method: "POST",
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: backend.appClientId, AuthParameters: { USERNAME: user.username, PASSWORD: user.password } }),
  });
  if (!response.ok) throw new Error(`InitiateAuth answered ${response.status}`);
  return (await response.json()).AuthenticationResult;
}

const iam = backend.apis.AWS_IAM;
const guest = await credentials(undefined);
const tokens = await signIn(backend.users[0]);
const loginsKey = `cognito-idp.${region}.amazonaws.com/${backend.userPoolId}`;
const user = await credentials({ [loginsKey]: tokens.IdToken });
const results = {
  guestIdentityId: guest.identityId,
  userIdentityId: user.identityId,
  guest: await signedGet(iam, "/js?client=aws-sdk-v3", guest.credentials),
  user: await signedGet(iam, "/js?client=aws-sdk-v3", user.credentials),
  tampered: await signedGet(iam, "/js", { ...guest.credentials, secretAccessKey: "not-the-secret" }),
  userPools: await answer(await fetch(backend.apis.AMAZON_COGNITO_USER_POOLS + "/js", { headers: { authorization: tokens.AccessToken } })),
};
console.log(JSON.stringify(results));
