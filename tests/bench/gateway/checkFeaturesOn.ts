/** What `checkFeaturesOn` needs: our gateway, a body, the headers of a full-scope key and of a key without scopes. */
export interface FeatureCheckOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  unscopedHeaders: Record<string, string>;
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body,
  });
  const json = (await response.json()) as {
    errors?: { extensions?: { code?: string } }[];
    extensions?: { cost?: { requested?: number; actual?: number } };
  };
  return { status: response.status, json };
}

/**
 * Proves that our gateway runs with its features on before it is measured: a caller without credentials is refused
 * (authentication), a key without the `orders:read` scope gets errors for the scoped fields (authorization), a full
 * key gets the requested and actual cost (cost limits), and `/metrics` counts requests. Throws naming what is off.
 */
export async function checkFeaturesOn(options: FeatureCheckOptions): Promise<string> {
  const anonymous = await post(options.url, options.body, {});
  if (anonymous.status !== 401 || anonymous.json.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') {
    throw new Error(`authentication is off: an anonymous request got ${anonymous.status} ${JSON.stringify(anonymous.json).slice(0, 200)}`);
  }
  const unscoped = await post(options.url, options.body, options.unscopedHeaders);
  if (!unscoped.json.errors?.length) throw new Error('authorization is off: a key without scopes got no errors');
  const full = await post(options.url, options.body, options.headers);
  const cost = full.json.extensions?.cost;
  if (full.status !== 200 || full.json.errors || !cost?.requested || !cost.actual) {
    throw new Error(`cost is not reported: ${JSON.stringify(full.json.extensions)}`);
  }
  const metrics = await (await fetch(new URL('/metrics', options.url))).text();
  if (!/^switchyard_requests_total\{.*\} [1-9]/m.test(metrics)) throw new Error('metrics do not count requests');
  return (
    `anonymous → 401 UNAUTHENTICATED, no scopes → ${unscoped.json.errors.length} errors ` +
    `(${unscoped.json.errors[0]?.extensions?.code}), cost requested ${cost.requested} / actual ${cost.actual}, /metrics counting`
  );
}
